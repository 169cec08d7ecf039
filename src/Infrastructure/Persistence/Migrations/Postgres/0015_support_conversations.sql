-- 0015 (issue 16, ADR 0042): support conversations (the account's Messages tab) and their messages.
CREATE TABLE conversations (
    id character varying(40) NOT NULL,
    customer_id character varying(40) NOT NULL,
    subject character varying(200) NOT NULL,
    status character varying(16) NOT NULL,
    opened_by character varying(16) NOT NULL,
    message_count integer NOT NULL,
    last_message_from character varying(16) NOT NULL,
    last_message_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    closed_at timestamp with time zone,
    closed_by character varying(300),
    version bigint NOT NULL,
    CONSTRAINT pk_conversations PRIMARY KEY (id)
);

CREATE INDEX ix_conversations_customer_id_id ON conversations (customer_id, id);

CREATE TABLE support_messages (
    id character varying(40) NOT NULL,
    conversation_id character varying(40) NOT NULL,
    sequence integer NOT NULL,
    "from" character varying(16) NOT NULL,
    author character varying(300) NOT NULL,
    body character varying(10000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_support_messages PRIMARY KEY (id),
    CONSTRAINT fk_support_messages_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_support_messages_conversation_id_sequence ON support_messages (conversation_id, sequence);
