package org.cpmserver.participating.policy;

/**
 * One check applied to a pager message before delivery, in the manner of a fast-fail hook: it
 * answers "no objection", "refuse, for this reason" or "swallow". Policies run in {@link #order()}:
 * service-provider policies (below 200) before user preferences (200 and up), so the provider's
 * rules take precedence (OMA CPM AD §5.3.1.3.1). The first objection wins.
 */
public interface PagerPolicy {

    int PROVIDER = 100;
    int USER = 200;

    int order();

    PolicyDecision evaluate(PagerContext message);
}
