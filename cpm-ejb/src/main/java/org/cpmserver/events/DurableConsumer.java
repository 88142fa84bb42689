package org.cpmserver.events;

/**
 * A consumer that must not miss a {@link MessageEvent}: a CDI bean implementing this interface
 * is found when the application starts and is handed every event of the {@link EventOutbox}, in
 * the order they were sequenced, at least once. Its position is kept in the database under
 * {@link #name()}, so a restart, a crash or a redeployment resumes where it stopped.
 *
 * <p>At least once means a consumer may be handed an event again (after a crash between its work
 * and the saved position): it must be idempotent,
 * for example by keying what it writes on {@link MessageEvent#eventId()}. An exception means "not
 * done": the same event is offered again later, after a pause that grows with each failure, and
 * nothing after it is offered to this consumer until it succeeds.
 */
public interface DurableConsumer {

    /**
     * Stable across releases: the key of the consumer's saved position (1 to 128 characters, not
     * starting with '#'; unique among the deployed consumers). Nodes that share a database hand a
     * consumer of one name its events one node at a time. A consumer withdrawn for good leaves its
     * row in {@code cpm_event_cursor}, which holds pruning back until an operator deletes it.
     */
    String name();

    /** Handles one event; idempotent. */
    void accept(MessageEvent event) throws Exception;
}
