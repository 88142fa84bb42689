-- V2: the event outbox (org.cpmserver.events.EventOutbox owns both tables; no JPA entity maps them).
-- An event row is inserted in the transaction of the step it reports, with seq null; the outbox's
-- sequencer numbers committed rows in the order it finds them (one sequencer at a time, serialized
-- on the '#sequencer' cursor row), so a reader that follows seq never skips a row that committed
-- late. cpm_event_cursor holds how far each durable consumer has read.

CREATE TABLE cpm_event (
    id bigint GENERATED ALWAYS AS IDENTITY,
    seq bigint,
    event_id character varying(36) NOT NULL,
    kind character varying(32) NOT NULL,
    occurred_at timestamp without time zone NOT NULL,
    payload text NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX cpm_event_seq_idx ON cpm_event (seq);

CREATE TABLE cpm_event_cursor (
    name character varying(128) NOT NULL,
    last_seq bigint NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    PRIMARY KEY (name)
);

INSERT INTO cpm_event_cursor (name, last_seq, updated_at) VALUES ('#sequencer', 0, CURRENT_TIMESTAMP);
