CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    phone VARCHAR(20) NOT NULL UNIQUE,
    name TEXT,
    last_seen_at TIMESTAMP
);
CREATE TABLE chats (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE chat_members (
    chat_id BIGINT NOT NULL REFERENCES chats(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    joined_at TIMESTAMP NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);
CREATE TABLE messages (
    chat_id BIGINT NOT NULL REFERENCES chats(id),
    id BIGINT NOT NULL,
    sender_id BIGINT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (chat_id, id)
) WITHOUT ROWID;
CREATE INDEX chat_members_by_user ON chat_members (user_id);
CREATE INDEX messages_by_chat_time ON messages (chat_id, sent_at);
