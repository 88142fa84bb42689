package org.cpmserver.sip;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.PostConstruct;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Any;
import javax.enterprise.inject.Instance;
import javax.inject.Inject;
import org.cpmserver.protocol.capability.CpmIcsi;

/**
 * What this deployment can do over SIP, derived from the deployed {@link SipUseCase}s: the
 * methods for {@code Allow}, the body types for {@code Accept}, the CPM services for the
 * {@code +g.3gpp.icsi-ref} feature tag, and which use case serves a method addressed to which
 * kind of target. One place, so OPTIONS, 405 and 501 never disagree.
 */
@ApplicationScoped
public class SipCapabilities {

    /** Methods of RFC 3261 and its extensions: a request for one of these that we do not serve gets 405, any other 501. */
    private static final Set<String> KNOWN_METHODS = Set.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER",
            "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE");

    @Inject
    @Any
    Instance<SipUseCase> deployed;

    private Map<String, java.util.List<SipUseCase>> byMethod;
    private String allow;
    private String accept;
    private Set<CpmIcsi> services;
    private String supported;
    private Set<String> supportedTags;

    @PostConstruct
    void collect() {
        Map<String, java.util.List<SipUseCase>> methods = new TreeMap<>();
        Set<String> types = new TreeSet<>();
        Set<CpmIcsi> icsis = EnumSet.noneOf(CpmIcsi.class);
        Set<String> tags = new TreeSet<>();
        for (SipUseCase useCase : deployed) {
            java.util.List<SipUseCase> same = methods.computeIfAbsent(useCase.method(), m -> new java.util.ArrayList<>());
            for (RequestTarget target : RequestTarget.values()) {
                for (SipUseCase other : same) {
                    if (target != RequestTarget.FOREIGN && other.serves(target) && useCase.serves(target)) {
                        throw new IllegalStateException("two SIP use cases for " + useCase.method() + " to " + target + ": "
                                + other.getClass().getName() + " and " + useCase.getClass().getName());
                    }
                }
            }
            same.add(useCase);
            types.addAll(useCase.acceptedContentTypes());
            icsis.addAll(useCase.services());
            tags.addAll(useCase.optionTags());
        }
        byMethod = Collections.unmodifiableMap(methods);
        allow = String.join(", ", methods.keySet());
        accept = String.join(", ", types);
        services = Collections.unmodifiableSet(icsis);
        supported = String.join(", ", tags);
        supportedTags = Collections.unmodifiableSet(tags);
    }

    /** Whether any deployed use case serves this method. */
    public boolean serves(String method) {
        return byMethod.containsKey(method);
    }

    /** The use case for a method addressed to a target, if one is deployed. */
    public Optional<SipUseCase> useCase(String method, RequestTarget target) {
        return byMethod.getOrDefault(method, java.util.List.of()).stream().filter(u -> u.serves(target)).findFirst();
    }

    public boolean isKnownMethod(String method) {
        return KNOWN_METHODS.contains(method);
    }

    /** The value of {@code Allow}. */
    public String allow() {
        return allow;
    }

    /** The value of {@code Accept}; empty when no use case takes a body. */
    public String accept() {
        return accept;
    }

    /** The value of {@code Supported}; empty when no extension is implemented. */
    public String supported() {
        return supported;
    }

    /**
     * The option tags of a {@code Require} header this deployment does not implement, as the
     * request spelled them (for {@code Unsupported}); matched without regard to case.
     */
    public Set<String> unsupportedRequirements(java.util.ListIterator<String> requireValues) {
        Set<String> unsupported = new java.util.LinkedHashSet<>();
        while (requireValues.hasNext()) {
            for (String tag : requireValues.next().split(",")) {
                String t = tag.trim();
                if (!t.isEmpty() && !supportedTags.contains(t.toLowerCase(java.util.Locale.ROOT))) {
                    unsupported.add(t);
                }
            }
        }
        return unsupported;
    }

    /** The CPM services implemented by this deployment. */
    public Set<CpmIcsi> services() {
        return services;
    }
}
