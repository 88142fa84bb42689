-- V4: the deferred store's quota check reads only an index. Before a message is stored for a
-- recipient, the store sums what already waits for that recipient (count and bytes, up to
-- cpm.deferred.max-messages rows). Through ix_deferred_recipient that read every waiting row from
-- the table as well; with the body size in the index it reads the index alone. Under overload,
-- when many deliveries time out and are stored at once, that read had become most of the node's
-- CPU (docs/benchmarks.md).

CREATE INDEX ix_deferred_usage ON cpm_deferred USING btree (recipient, body_size);
