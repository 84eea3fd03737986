-- Runs once, when the postgres image starts on an empty data folder: the entrypoint runs every
-- *.sql, *.sql.gz and *.sh file in /docker-entrypoint-initdb.d, in name order, against POSTGRES_DB.
CREATE TABLE visits (
    id         serial PRIMARY KEY,
    page       text NOT NULL,
    visited_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO visits (page) VALUES ('/'), ('/about'), ('/');
