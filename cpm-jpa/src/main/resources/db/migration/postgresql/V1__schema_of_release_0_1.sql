-- V1: exactly the schema that hibernate.hbm2ddl.auto=update created on PostgreSQL before Flyway
-- owned it (dumped with pg_dump --schema-only from a database of that release). A database created
-- by that release is baselined at version 1 and this script does not run on it; it runs only on an
-- empty schema. Primary keys get PostgreSQL's default names (<table>_pkey), as Hibernate left them
-- unnamed; the entities' unique constraints are constraints here (an index on Derby).
-- Timestamps are WITHOUT time zone: Hibernate writes UTC (hibernate.jdbc.time_zone=UTC).

CREATE TABLE cpm_deferred (
    id character varying(36) NOT NULL,
    body bytea NOT NULL,
    content_type character varying(255) NOT NULL,
    contribution_id character varying(255) NOT NULL,
    conversation_id character varying(255) NOT NULL,
    expires_at timestamp without time zone NOT NULL,
    first_delivered_at timestamp without time zone,
    imdn_message_id character varying(255),
    received_at timestamp without time zone NOT NULL,
    recipient character varying(255) NOT NULL,
    sender character varying(255) NOT NULL,
    arrival_seq bigint NOT NULL,
    body_size integer NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE cpm_deferred_delivery (
    id character varying(36) NOT NULL,
    deferred_id character varying(36) NOT NULL,
    delivered_at timestamp without time zone NOT NULL,
    device character varying(512) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_deferred_device UNIQUE (deferred_id, device)
);

CREATE TABLE cpm_message (
    id character varying(36) NOT NULL,
    body bytea NOT NULL,
    call_id character varying(255) NOT NULL,
    content_type character varying(255) NOT NULL,
    contribution_id character varying(255),
    conversation_id character varying(255),
    delivery_reported boolean NOT NULL,
    display_reported boolean NOT NULL,
    imdn_message_id character varying(255),
    in_reply_to character varying(255),
    received_at timestamp without time zone NOT NULL,
    recipient character varying(255) NOT NULL,
    sender character varying(255) NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE cpm_message_delivery (
    id character varying(36) NOT NULL,
    answered_at timestamp without time zone NOT NULL,
    device character varying(512) NOT NULL,
    message_id character varying(36) NOT NULL,
    reason character varying(255),
    status integer NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE cpm_registration (
    id character varying(36) NOT NULL,
    aor character varying(255) NOT NULL,
    binding_key character varying(512) NOT NULL,
    call_id character varying(255) NOT NULL,
    contact_uri character varying(1024) NOT NULL,
    cseq bigint NOT NULL,
    expires_at timestamp without time zone NOT NULL,
    feature_tags character varying(2048),
    instance_id character varying(255),
    path character varying(2048),
    registered_at timestamp without time zone NOT NULL,
    source character varying(255),
    PRIMARY KEY (id),
    CONSTRAINT uk_registration_binding UNIQUE (aor, binding_key)
);

CREATE TABLE cpm_subscriber (
    uri character varying(255) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    display_name character varying(255),
    ha1_md5 character varying(32) NOT NULL,
    ha1_sha256 character varying(64) NOT NULL,
    realm character varying(255) NOT NULL,
    row_version bigint NOT NULL,
    PRIMARY KEY (uri)
);

CREATE TABLE cpm_user_preferences (
    aor character varying(255) NOT NULL,
    allowed_content_types character varying(2000),
    blocked_senders character varying(16000),
    deferred_delivery character varying(8),
    max_message_size integer,
    PRIMARY KEY (aor)
);

CREATE INDEX ix_deferred_expires ON cpm_deferred USING btree (expires_at);
CREATE INDEX ix_deferred_recipient ON cpm_deferred USING btree (recipient, received_at);
CREATE INDEX ix_delivery_message ON cpm_message_delivery USING btree (message_id);
CREATE INDEX ix_message_conversation ON cpm_message USING btree (conversation_id);
CREATE INDEX ix_message_imdn ON cpm_message USING btree (imdn_message_id);
CREATE INDEX ix_message_recipient ON cpm_message USING btree (recipient, received_at);
CREATE INDEX ix_registration_expires ON cpm_registration USING btree (expires_at);
