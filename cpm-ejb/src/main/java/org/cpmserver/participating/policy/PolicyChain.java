package org.cpmserver.participating.policy;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.annotation.PostConstruct;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Any;
import javax.enterprise.inject.Instance;
import javax.inject.Inject;

/** Composes every deployed {@link PagerPolicy} in order; the first objection decides. */
@ApplicationScoped
public class PolicyChain {

    @Inject
    @Any
    Instance<PagerPolicy> deployed;

    private List<PagerPolicy> policies;

    @PostConstruct
    void order() {
        policies = StreamSupport.stream(deployed.spliterator(), false)
                .sorted(Comparator.comparingInt(PagerPolicy::order))
                .collect(Collectors.toUnmodifiableList());
    }

    /** A chain of the given policies, in their order, outside the container. */
    public static PolicyChain of(PagerPolicy... policies) {
        PolicyChain chain = new PolicyChain();
        chain.policies = java.util.Arrays.stream(policies).sorted(Comparator.comparingInt(PagerPolicy::order))
                .collect(Collectors.toUnmodifiableList());
        return chain;
    }

    public PolicyDecision evaluate(PagerContext message) {
        for (PagerPolicy policy : policies) {
            PolicyDecision decision = policy.evaluate(message);
            if (!decision.isAccept()) {
                return decision;
            }
        }
        return PolicyDecision.ACCEPT;
    }
}
