-- LandFlow schema, version 2: records archived beside a stream's state.
--
-- Written once, by the commit that moves a record out of its stream's state (a county ledger's settled
-- reservations), and read back by key. The primary key refuses a key twice and serves both the lookup of one
-- record and reading one stream's records in key order. Never edit this file once shipped.
CREATE TABLE stream_archive (
    stream_id text COLLATE "C" NOT NULL REFERENCES streams (stream_id),
    key       text COLLATE "C" NOT NULL,
    json      text NOT NULL,
    PRIMARY KEY (stream_id, key)
);
