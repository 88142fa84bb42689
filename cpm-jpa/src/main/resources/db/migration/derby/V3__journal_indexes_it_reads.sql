-- V3: the message journal keeps only the index it reads. CPM_MESSAGE and CPM_MESSAGE_DELIVERY are
-- written once per message and per device answer (org.cpmserver.journal.JournalWriter) and read
-- only to claim an IMDN report, by IMDN Message-ID (IX_MESSAGE_IMDN). The indexes by conversation, by
-- recipient and by message of a delivery served no query; together they cost every message three
-- more B-tree inserts (28 % of the journal's CPU per message on Derby). A history by conversation or
-- by user belongs to the conversation history, which keeps its own tables from the message events.

DROP INDEX IX_MESSAGE_CONVERSATION;
DROP INDEX IX_MESSAGE_RECIPIENT;
DROP INDEX IX_DELIVERY_MESSAGE;
