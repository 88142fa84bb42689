-- V3: the message journal keeps only the index it reads. cpm_message and cpm_message_delivery are
-- written once per message and per device answer (org.cpmserver.journal.JournalWriter) and read
-- only to claim an IMDN report, by IMDN Message-ID (ix_message_imdn). The indexes by conversation, by
-- recipient and by message of a delivery served no query; together they cost every message three
-- more B-tree inserts (28 % of the journal's CPU per message on Derby). A history by conversation or
-- by user belongs to the conversation history, which keeps its own tables from the message events.

DROP INDEX ix_message_conversation;
DROP INDEX ix_message_recipient;
DROP INDEX ix_delivery_message;
