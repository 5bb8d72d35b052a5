-- HeteroOrleans on PostgreSQL (12 or later), 1 of 3: the table Orleans' ADO.NET providers read their statements from.
-- Every script may be applied again: it creates what is missing and replaces the statements with this version's.
-- Apply with 'hetero db init --connection ...' (all three, in one transaction), or with psql in file order.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);
