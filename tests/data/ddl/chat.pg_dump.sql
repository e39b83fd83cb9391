--
-- PostgreSQL database dump
--

\restrict aeOe2UDz6D7AMOHvwpPZk4WDCY4Kd7AxnsdticHB5HgrirwsbNn87pfe9wvCxGg

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: chat; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA chat;


ALTER SCHEMA chat OWNER TO postgres;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: chat_members; Type: TABLE; Schema: chat; Owner: postgres
--

CREATE TABLE chat.chat_members (
    chat_id bigint NOT NULL,
    user_id bigint NOT NULL,
    joined_at timestamp without time zone NOT NULL
);


ALTER TABLE chat.chat_members OWNER TO postgres;

--
-- Name: chats; Type: TABLE; Schema: chat; Owner: postgres
--

CREATE TABLE chat.chats (
    id bigint NOT NULL,
    title text,
    created_at timestamp without time zone NOT NULL
);


ALTER TABLE chat.chats OWNER TO postgres;

--
-- Name: messages; Type: TABLE; Schema: chat; Owner: postgres
--

CREATE TABLE chat.messages (
    chat_id bigint NOT NULL,
    id bigint NOT NULL,
    sender_id bigint NOT NULL,
    body text NOT NULL,
    sent_at timestamp without time zone NOT NULL
);


ALTER TABLE chat.messages OWNER TO postgres;

--
-- Name: users; Type: TABLE; Schema: chat; Owner: postgres
--

CREATE TABLE chat.users (
    id bigint NOT NULL,
    phone character varying(20) NOT NULL,
    name text,
    last_seen_at timestamp without time zone
);


ALTER TABLE chat.users OWNER TO postgres;

--
-- Name: chat_members chat_members_pkey; Type: CONSTRAINT; Schema: chat; Owner: postgres
--

ALTER TABLE ONLY chat.chat_members
    ADD CONSTRAINT chat_members_pkey PRIMARY KEY (chat_id, user_id);


--
-- Name: chats chats_pkey; Type: CONSTRAINT; Schema: chat; Owner: postgres
--

ALTER TABLE ONLY chat.chats
    ADD CONSTRAINT chats_pkey PRIMARY KEY (id);


--
-- Name: messages messages_pkey; Type: CONSTRAINT; Schema: chat; Owner: postgres
--

ALTER TABLE ONLY chat.messages
    ADD CONSTRAINT messages_pkey PRIMARY KEY (chat_id, id);


--
-- Name: users users_phone_key; Type: CONSTRAINT; Schema: chat; Owner: postgres
--

ALTER TABLE ONLY chat.users
    ADD CONSTRAINT users_phone_key UNIQUE (phone);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: chat; Owner: postgres
--

ALTER TABLE ONLY chat.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: chat_members_by_user; Type: INDEX; Schema: chat; Owner: postgres
--

CREATE INDEX chat_members_by_user ON chat.chat_members USING btree (user_id);


--
-- Name: messages_by_chat_time; Type: INDEX; Schema: chat; Owner: postgres
--

CREATE INDEX messages_by_chat_time ON chat.messages USING btree (chat_id, sent_at);


--
-- Name: chat_members chat_members_chat_fkey; Type: FK CONSTRAINT; Schema: chat; Owner: postgres
--

ALTER TABLE ONLY chat.chat_members
    ADD CONSTRAINT chat_members_chat_fkey FOREIGN KEY (chat_id) REFERENCES chat.chats(id);


--
-- Name: chat_members chat_members_user_fkey; Type: FK CONSTRAINT; Schema: chat; Owner: postgres
--

ALTER TABLE ONLY chat.chat_members
    ADD CONSTRAINT chat_members_user_fkey FOREIGN KEY (user_id) REFERENCES chat.users(id);


--
-- Name: messages messages_chat_fkey; Type: FK CONSTRAINT; Schema: chat; Owner: postgres
--

ALTER TABLE ONLY chat.messages
    ADD CONSTRAINT messages_chat_fkey FOREIGN KEY (chat_id) REFERENCES chat.chats(id);


--
-- Name: messages messages_sender_fkey; Type: FK CONSTRAINT; Schema: chat; Owner: postgres
--

ALTER TABLE ONLY chat.messages
    ADD CONSTRAINT messages_sender_fkey FOREIGN KEY (sender_id) REFERENCES chat.users(id);


--
-- PostgreSQL database dump complete
--

\unrestrict aeOe2UDz6D7AMOHvwpPZk4WDCY4Kd7AxnsdticHB5HgrirwsbNn87pfe9wvCxGg

