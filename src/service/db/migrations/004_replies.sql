-- Replies sent by e-mail: recorded on the ticket so a retried job never sends twice.
ALTER TABLE tickets ADD COLUMN reply_message_id text;
ALTER TABLE tickets ADD COLUMN reply_sent_at timestamptz;
