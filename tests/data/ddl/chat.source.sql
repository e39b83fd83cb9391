CREATE TABLE users (
    id BIGINT NOT NULL,
    phone VARCHAR(20) NOT NULL,
    name TEXT,
    last_seen_at TIMESTAMP
);
CREATE TABLE chats (
    id BIGINT NOT NULL,
    title TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE chat_members (
    chat_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    joined_at TIMESTAMP NOT NULL
);
CREATE TABLE messages (
    chat_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    sender_id BIGINT NOT NULL,
    body TEXT NOT NULL,
    sent_at TIMESTAMP NOT NULL
);
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
ALTER TABLE users ADD CONSTRAINT users_phone_key UNIQUE (phone);
ALTER TABLE chats ADD CONSTRAINT chats_pkey PRIMARY KEY (id);
ALTER TABLE chat_members ADD CONSTRAINT chat_members_pkey PRIMARY KEY (chat_id, user_id);
ALTER TABLE messages ADD CONSTRAINT messages_pkey PRIMARY KEY (chat_id, id);
ALTER TABLE chat_members ADD CONSTRAINT chat_members_chat_fkey FOREIGN KEY (chat_id) REFERENCES chats(id);
ALTER TABLE chat_members ADD CONSTRAINT chat_members_user_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE messages ADD CONSTRAINT messages_chat_fkey FOREIGN KEY (chat_id) REFERENCES chats(id);
ALTER TABLE messages ADD CONSTRAINT messages_sender_fkey FOREIGN KEY (sender_id) REFERENCES users(id);
CREATE INDEX chat_members_by_user ON chat_members (user_id);
CREATE INDEX messages_by_chat_time ON messages (chat_id, sent_at);
