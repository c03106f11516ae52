using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Migplan.Planning;
using Migplan.Rendering.Messages;
using Migplan.Sql;

namespace Migplan.Rendering;

/// <summary>
/// A step's go/no-go checks (<see cref="Step.GoNoGo"/>) as the script runs them, after its commands: each one DO block
/// that runs the check's query and compares its result with the expectation. A blocking check that fails raises an
/// error naming it, what it found and what was expected, so psql stops (exit 3 under ON_ERROR_STOP) before the plan
/// starts; an informative one only reports its value; an optional one runs only when the operator turned on
/// <see cref="GoNoGoCheck.RunOptionalSetting"/>, and says it was skipped, with its cost, otherwise.
/// <para>
/// The query is embedded in the block's body as plan.json holds it (a dollar-quote tag it does not contain), with
/// <c>#variable_conflict use_column</c> so a column named like the block's one variable is still the column. Words are
/// literals (<see cref="SqlText.Literal"/>) passed as RAISE arguments, never put into the format. The check's
/// expectation is <c>value</c> (the first column of the one row, as text) or <c>no_rows</c> (then up to five rows
/// found are shown).
/// </para>
/// </summary>
public static class GoNoGoScript
{
    /// <summary>Writes the checks, numbered from 1, after a step's commands.</summary>
    public static void Write(TextWriter w, ImmutableArray<GoNoGoCheck> checks)
    {
        for (int i = 0; i < checks.Length; i++)
        {
            w.Write(Block(i + 1, checks[i]));
        }
    }

    /// <summary>The text <see cref="Write"/> writes.</summary>
    public static string Text(ImmutableArray<GoNoGoCheck> checks)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < checks.Length; i++)
        {
            sb.Append(Block(i + 1, checks[i]));
        }

        return sb.ToString();
    }

    /// <summary>
    /// The query as a subquery: without its final semicolon, which may be followed by a one-line comment (a coverage
    /// check says why it is trivial: <c>... WHERE false; -- no WHERE: every row is reached</c>); the caller closes the
    /// parenthesis on a new line, so a trailing comment cannot swallow it.
    /// </summary>
    internal static string Subquery(string sql)
    {
        string text = sql.TrimEnd();
        int semicolon = text.LastIndexOf(';');
        if (semicolon >= 0 && text.AsSpan(0, semicolon).Count('\'') % 2 == 0)
        {
            var after = text.AsSpan(semicolon + 1).Trim();
            if (after.IsEmpty || (after.StartsWith("--") && !after.Contains('\n')))
            {
                return text[..semicolon].TrimEnd();
            }
        }

        return text;
    }

    /// <summary>One check: a comment saying what it is and costs, then its block.</summary>
    public static string Block(int number, GoNoGoCheck check)
    {
        var expect = check.Check.Expect;
        string label = English.Of(check.Check.Label ?? Message.Of("check.step-pre-check"));
        string cost = Estimator.Duration(check.Cost.Seconds) + " (" + English.Of(check.Cost.Basis) + ")";
        string expected = expect.Kind switch
        {
            ExpectationKind.Value => expect.Value ?? string.Empty,
            ExpectationKind.NoRows => "no rows",
            _ => throw new UnreachableException($"a go/no-go check expects a value or no rows, not {expect.Kind}"),
        };
        string query = Subquery(check.Check.Sql);
        string n = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = new StringBuilder();
        body.Append("#variable_conflict use_column\n")
            .Append("DECLARE\n")
            .Append("  migplan_found text;\n")
            .Append("BEGIN\n");
        if (check.Optional)
        {
            body.Append($"  IF pg_catalog.lower(pg_catalog.current_setting({SqlText.Literal(GoNoGoCheck.RunOptionalSetting)}, true)) IN ({string.Join(", ", RollbackStop.Accepted.Select(SqlText.Literal))}) IS NOT TRUE THEN\n")
                .Append($"    RAISE NOTICE {SqlText.Literal(English.GoNoGoSkipped)}, {n}, {SqlText.Literal(cost)}, {SqlText.Literal(label)}, {SqlText.Literal(GoNoGoCheck.RunOptionalSetting)};\n")
                .Append("    RETURN;\n")
                .Append("  END IF;\n");
        }

        if (expect.Kind == ExpectationKind.Value)
        {
            body.Append("  SELECT (").Append(query).Append("\n  )::text INTO migplan_found;\n");
        }
        else
        {
            body.Append("  SELECT pg_catalog.string_agg(migplan_row::text, '; ') INTO migplan_found\n")
                .Append("    FROM (SELECT * FROM (").Append(query).Append("\n    ) migplan_query LIMIT 5) migplan_row;\n");
        }

        string failed = expect.Kind == ExpectationKind.Value
            ? $"migplan_found IS DISTINCT FROM {SqlText.Literal(expected)}"
            : "migplan_found IS NOT NULL";
        string found = $"coalesce(migplan_found, {SqlText.Literal(expect.Kind == ExpectationKind.Value ? "NULL" : "no rows")})";
        if (check.Blocking)
        {
            body.Append($"  IF {failed} THEN\n")
                .Append($"    RAISE EXCEPTION {SqlText.Literal(English.GoNoGoFailed)}, {n}, {SqlText.Literal(label)}, {found}, {SqlText.Literal(expected)}\n")
                .Append($"      USING HINT = {SqlText.Literal(English.GoNoGoFailedHint)};\n")
                .Append("  END IF;\n")
                .Append($"  RAISE NOTICE {SqlText.Literal(English.GoNoGoPassed)}, {n}, {SqlText.Literal(label)};\n");
        }
        else
        {
            body.Append($"  RAISE NOTICE {SqlText.Literal(English.GoNoGoInformative)}, {n}, {SqlText.Literal(label)}, {found};\n");
        }

        body.Append("END\n");
        string kind = !check.Blocking ? "informative" : check.Optional ? "optional, stops the script if it fails" : "stops the script if it fails";
        return SqlText.Comment($"Go/no-go check {n} ({kind}): {label} Expected: {expected}. Cost: {cost}.") + SqlText.DoBlock(body.ToString());
    }
}
