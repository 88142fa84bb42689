-- V2: the event outbox (org.cpmserver.events.EventOutbox owns both tables; no JPA entity maps them).
-- An event row is inserted in the transaction of the step it reports, with SEQ null; the outbox's
-- sequencer numbers committed rows in the order it finds them (one sequencer at a time, serialized
-- on the '#sequencer' cursor row), so a reader that follows SEQ never skips a row that committed
-- late. CPM_EVENT_CURSOR holds how far each durable consumer has read.

CREATE TABLE CPM_EVENT (
    ID BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY (START WITH 1, INCREMENT BY 1),
    SEQ BIGINT,
    EVENT_ID VARCHAR(36) NOT NULL,
    KIND VARCHAR(32) NOT NULL,
    OCCURRED_AT TIMESTAMP NOT NULL,
    PAYLOAD CLOB(1M) NOT NULL,
    PRIMARY KEY (ID)
);

CREATE INDEX CPM_EVENT_SEQ_IDX ON CPM_EVENT (SEQ);

CREATE TABLE CPM_EVENT_CURSOR (
    NAME VARCHAR(128) NOT NULL,
    LAST_SEQ BIGINT NOT NULL,
    UPDATED_AT TIMESTAMP NOT NULL,
    PRIMARY KEY (NAME)
);

INSERT INTO CPM_EVENT_CURSOR (NAME, LAST_SEQ, UPDATED_AT) VALUES ('#sequencer', 0, CURRENT_TIMESTAMP);
