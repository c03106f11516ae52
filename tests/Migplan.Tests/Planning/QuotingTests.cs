using Migplan.Planning;

namespace Migplan.Tests.Planning;

/// <summary>
/// Names that need quoting come out quoted in every generated statement, rollback and verification:
/// spaces, dashes, upper case, reserved words, non-ASCII letters, embedded double and single quotes.
/// </summary>
public sealed class QuotingTests
{
    private const string Schema = """
        CREATE TABLE "User Accounts" (
            "Account ID" bigint PRIMARY KEY,
            "Login" text NOT NULL
        );
        CREATE TABLE "Bob's %Stuff" (
            id bigint PRIMARY KEY,
            val text
        );

        """;

    private static readonly Plan Plan = TestPlanner.Plan(
        """"
        ALTER TABLE "User Accounts" ADD COLUMN "E-mail" text;
        UPDATE "User Accounts" SET "E-mail" = lower("Login");
        CREATE INDEX "User Accounts_E-mail_idx" ON "User Accounts" ("E-mail");
        ALTER TABLE "User Accounts" ADD COLUMN "order" integer NOT NULL DEFAULT 0;
        ALTER TABLE "User Accounts" ADD COLUMN "naïve" boolean;
        ALTER TABLE "User Accounts" ADD COLUMN "say ""hi""" text;
        ALTER TABLE "Bob's %Stuff" ADD COLUMN "it's" text;
        UPDATE "Bob's %Stuff" SET "it's" = val;

        """",
        Schema,
        null,
        ("public.User Accounts", 500_000),
        ("public.Bob's %Stuff", 200_000));

    [Theory]
    [InlineData("E-mail", "ALTER TABLE public.\"User Accounts\" ADD COLUMN IF NOT EXISTS \"E-mail\" text;\n", "ALTER TABLE public.\"User Accounts\" DROP COLUMN IF EXISTS \"E-mail\";\n")]
    [InlineData("order", "ALTER TABLE public.\"User Accounts\" ADD COLUMN IF NOT EXISTS \"order\" integer DEFAULT 0 NOT NULL;\n", "ALTER TABLE public.\"User Accounts\" DROP COLUMN IF EXISTS \"order\";\n")]
    [InlineData("naïve", "ALTER TABLE public.\"User Accounts\" ADD COLUMN IF NOT EXISTS \"naïve\" boolean;\n", "ALTER TABLE public.\"User Accounts\" DROP COLUMN IF EXISTS \"naïve\";\n")]
    [InlineData("say \"hi\"", "ALTER TABLE public.\"User Accounts\" ADD COLUMN IF NOT EXISTS \"say \"\"hi\"\"\" text;\n", "ALTER TABLE public.\"User Accounts\" DROP COLUMN IF EXISTS \"say \"\"hi\"\"\";\n")]
    public void AddColumn_QuotesTableAndColumn_InStepAndRollback(string column, string sql, string rollback)
    {
        var step = Plan.StepWithTitle($"Add column User Accounts.{column}");

        Assert.Equal(sql, step.Sql);
        Assert.Equal(rollback, step.Rollback.Sql);
    }

    [Fact]
    public void AddColumn_Verification_UsesTheRawNameAsALiteral()
    {
        var step = Plan.StepWithTitle("Add column User Accounts.say \"hi\"");

        Assert.EndsWith("FROM pg_attribute WHERE attrelid = 'public.\"User Accounts\"'::regclass::oid AND attname = 'say \"hi\"' AND NOT attisdropped;", step.Verification.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Backfill_QuotesTheKeyAndTheTable_AndNamesTheVariablesByPosition()
    {
        string sql = Plan.StepWithTitle("Backfill User Accounts.E-mail").Sql;

        Assert.Contains("  migplan_lo_1 bigint;\n", sql, StringComparison.Ordinal);
        Assert.Contains("SELECT \"Account ID\" INTO migplan_lo_1 FROM public.\"User Accounts\" ORDER BY \"Account ID\" LIMIT 1;", sql, StringComparison.Ordinal);
        Assert.Contains("UPDATE public.\"User Accounts\"\n", sql, StringComparison.Ordinal);
        Assert.Contains("SET \"E-mail\" = lower(\"Login\")", sql, StringComparison.Ordinal);
        Assert.Contains("\"User Accounts\".\"Account ID\" >= migplan_lo_1 AND \"User Accounts\".\"Account ID\" <= migplan_hi_1", sql, StringComparison.Ordinal);
        Assert.Contains("AND \"User Accounts\".\"E-mail\" IS NULL;", sql, StringComparison.Ordinal); // a new column: fill only what is still empty
    }

    [Fact]
    public void Backfill_PassesTheTableNameToTheNoticeAsAnArgument_NotInItsFormat()
    {
        string sql = Plan.StepWithTitle("Backfill Bob's %Stuff.it's").Sql;

        Assert.Contains("UPDATE public.\"Bob's %Stuff\"\n", sql, StringComparison.Ordinal);
        Assert.Contains("SET \"it's\" = val", sql, StringComparison.Ordinal);
        Assert.Contains("RAISE NOTICE 'migplan: %: % rows so far, done up to key %', 'public.Bob''s %Stuff', migplan_rows, migplan_hi_1;", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateIndex_QuotesTheIndexName_AndEscapesItInRegclassLiterals()
    {
        var step = Plan.StepWithTitle("Create index User Accounts_E-mail_idx");

        Assert.Contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"User Accounts_E-mail_idx\" ON public.\"User Accounts\" (\"E-mail\");\n", step.Sql, StringComparison.Ordinal);
        Assert.Contains("to_regclass('public.\"User Accounts_E-mail_idx\"')", step.Sql, StringComparison.Ordinal);
        Assert.Equal("DROP INDEX CONCURRENTLY IF EXISTS public.\"User Accounts_E-mail_idx\";\n", step.Rollback.Sql);
    }

    [Fact]
    public void PreMigrationChecks_DoubleTheSingleQuoteOfATableNameInsideALiteral()
    {
        string sql = Plan.StepWithTitle("Pre-migration validation").Sql;

        Assert.Contains("to_regclass('public.\"Bob''s %Stuff\"')", sql, StringComparison.Ordinal);
        Assert.Contains("to_regclass('public.\"User Accounts\"')", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void NoGeneratedStatement_UsesAnUnquotedNameThatNeedsQuotes()
    {
        string sql = string.Concat(Plan.Steps.Select(s => s.Sql + s.Rollback.Sql + s.Verification.Sql));
        string code = string.Join("\n", sql.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)));

        // Unquoted, these would be a syntax error or fold to lower case; inside literals and comments they may appear raw.
        foreach (string raw in new[] { "public.User Accounts", " E-mail", "ADD COLUMN order ", "COLUMN naïve", "COLUMN say \"hi\"" })
        {
            int at = code.IndexOf(raw, StringComparison.Ordinal);
            Assert.True(at < 0 || InsideLiteral(code, at), $"unquoted {raw} in:\n{code[Math.Max(0, at - 200)..Math.Min(code.Length, at + 200)]}");
        }
    }

    /// <summary>True when an odd number of single quotes precede <paramref name="at"/> on its line.</summary>
    private static bool InsideLiteral(string text, int at)
    {
        int lineStart = text.LastIndexOf('\n', at) + 1;
        return text[lineStart..at].Count(c => c == '\'') % 2 == 1;
    }
}
