package org.cpmserver.sip;

/**
 * What a Request-URI names, for choosing the use case that serves a request (by method and
 * target, in the manner of one handler per command and resource).
 */
public enum RequestTarget {
    /** A user's address-of-record in a served domain ({@code sip:alice@example.com}). */
    USER,
    /** The server itself: a served domain without a user ({@code sip:example.com}), or one of its own addresses. */
    SERVER,
    /** The Deferred Messaging Function's service address ({@code sip:deferred@example.com}). */
    DEFERRED_SERVICE,
    /** The conference factory of the Controlling Function ({@code sip:conference-factory@example.com}). */
    CONFERENCE_FACTORY,
    /** Not ours: a domain this server does not serve. */
    FOREIGN
}
