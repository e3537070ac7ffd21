namespace NewsPortal.Web.Data.Configurations;

/// <summary>
/// PostgreSQL's search index, the twin of SQLite's FTS5 table: <c>ArticleSearch</c>, one row per published article
/// keyed by its id, holding the plain text the indexer wrote. Not an entity, as SQLite's is not: only
/// Features/Search/Postgres reads and writes it. Two indexes serve two kinds of word:
/// <list type="bullet">
/// <item>a weighted <c>tsvector</c> (headline A, dek and tags B, author C, body D) built with the <c>simple</c>
/// configuration — lower-cased words, no stemming and no stop words, so English and Korean tokenize alike — and
/// kept by PostgreSQL itself as a generated column, behind a GIN index: words of Latin and other spaced scripts;</item>
/// <item>a <c>pg_trgm</c> GIN index over all the text at once: Hangul, Han and kana, whose words run into their
/// particles (대북 inside 대북정책은), matched anywhere with <c>ILIKE</c> as SQLite's trigram tokenizer does.</item>
/// </list>
/// </summary>
public static class PostgresSearchSchema
{
    public const string Table = "ArticleSearch";

    /// <summary>
    /// All the text in one expression, the one the trigram index is built on: a query must spell it exactly so to
    /// be planned onto the index. Spaces between the parts, so no term matches across two of them.
    /// </summary>
    public const string AllText = """("Headline" || ' ' || "Dek" || ' ' || "Tags" || ' ' || "Author" || ' ' || "Body")""";

    private static readonly string[] TextColumns = ["Headline", "Dek", "Tags", "Author", "Body"];

    /// <summary><see cref="AllText"/> with its columns qualified by <paramref name="alias"/>, for queries that join another table.</summary>
    public static string AllTextOf(string alias) =>
        "(" + string.Join(" || ' ' || ", TextColumns.Select(c => $"{alias}.\"{c}\"")) + ")";

    public const string CreateSql = $"""
        CREATE EXTENSION IF NOT EXISTS pg_trgm;

        CREATE TABLE "{Table}" (
            "ArticleId" integer PRIMARY KEY REFERENCES "Articles" ("Id") ON DELETE CASCADE,
            "Headline" text NOT NULL,
            "Dek" text NOT NULL,
            "Body" text NOT NULL,
            "Tags" text NOT NULL,
            "Author" text NOT NULL,
            "Document" tsvector NOT NULL GENERATED ALWAYS AS (
                setweight(to_tsvector('simple', "Headline"), 'A')
                || setweight(to_tsvector('simple', "Dek" || ' ' || "Tags"), 'B')
                || setweight(to_tsvector('simple', "Author"), 'C')
                || setweight(to_tsvector('simple', "Body"), 'D')) STORED
        );

        CREATE INDEX "IX_{Table}_Document" ON "{Table}" USING gin ("Document");
        CREATE INDEX "IX_{Table}_Text" ON "{Table}" USING gin ({AllText} gin_trgm_ops);
        """;

    // The extension stays: other objects may use it, and dropping it needs more rights than creating it.
    public const string DropSql = $"""
        DROP TABLE IF EXISTS "{Table}";
        """;
}
