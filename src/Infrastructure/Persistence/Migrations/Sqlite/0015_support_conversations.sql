-- 0015 (issue 16, ADR 0042): support conversations (the account's Messages tab) and their messages.
CREATE TABLE "conversations" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "opened_by" TEXT NOT NULL,
    "message_count" INTEGER NOT NULL,
    "last_message_from" TEXT NOT NULL,
    "last_message_at" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "closed_at" INTEGER,
    "closed_by" TEXT,
    "version" INTEGER NOT NULL,
    CONSTRAINT "pk_conversations" PRIMARY KEY ("id")
);

CREATE INDEX "ix_conversations_customer_id_id" ON "conversations" ("customer_id", "id");

CREATE TABLE "support_messages" (
    "id" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "from" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "pk_support_messages" PRIMARY KEY ("id"),
    CONSTRAINT "fk_support_messages_conversations_conversation_id" FOREIGN KEY ("conversation_id") REFERENCES "conversations" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_support_messages_conversation_id_sequence" ON "support_messages" ("conversation_id", "sequence");
