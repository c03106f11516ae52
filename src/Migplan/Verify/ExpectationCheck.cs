using System.Globalization;
using Npgsql;

namespace Migplan.Verify;

/// <summary>What a verification query returned compared with its typed expectation.</summary>
/// <param name="Status"><c>passed</c>, <c>failed</c>, <c>manual</c> (a person judges) or <c>error</c> (the query failed).</param>
public sealed record CheckResult(string Status, string Expected, string? Actual)
{
    public bool Failed => Status is "failed" or "error";
}

/// <summary>Runs a verification (or gate) query and compares its result with its <see cref="Expectation"/>.</summary>
public static class ExpectationCheck
{
    /// <summary>The first column of each row, as the server writes it in text (<c>t</c>, <c>0</c>); null for SQL NULL.</summary>
    public static async Task<List<string?>> FirstColumnAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { AllResultTypesAreUnknown = true };
        await using var rows = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var values = new List<string?>();
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
        {
            values.Add(rows.FieldCount == 0 || rows.IsDBNull(0) ? null : rows.GetString(0));
        }

        return values;
    }

    /// <summary>
    /// The value an <see cref="ExpectationKind.Increase"/> check starts from (read before the step), or null when the
    /// query cannot run yet or returns nothing.
    /// </summary>
    public static async Task<decimal?> BeforeAsync(NpgsqlConnection connection, Verification verification, CancellationToken ct)
    {
        if (verification.Expect.Kind != ExpectationKind.Increase)
        {
            return null;
        }

        try
        {
            var values = await FirstColumnAsync(connection, verification.Sql, ct).ConfigureAwait(false);
            return values is [{ } v] && decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
        }
        catch (PostgresException)
        {
            return null;
        }
    }

    /// <summary>Runs the query and compares; <paramref name="before"/>: for Increase, <paramref name="rowsChanged"/>: for RowsChanged.</summary>
    public static async Task<CheckResult> CheckAsync(NpgsqlConnection connection, Verification verification, decimal? before, long rowsChanged, CancellationToken ct)
    {
        var expect = verification.Expect;
        string expected = Describe(expect, before, rowsChanged);
        if (expect.Kind == ExpectationKind.Manual || verification.Sql.Length == 0)
        {
            return new CheckResult("manual", expected, null);
        }

        List<string?> values;
        try
        {
            values = await FirstColumnAsync(connection, verification.Sql, ct).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            return new CheckResult("error", expected, $"{e.MessageText} (SQLSTATE {e.SqlState})");
        }

        string actual = values.Count switch
        {
            0 => "no rows",
            1 => values[0] ?? "NULL",
            _ => string.Create(CultureInfo.InvariantCulture, $"{values.Count} rows, the first {values[0] ?? "NULL"}"),
        };
        bool ok = expect.Kind switch
        {
            ExpectationKind.Value => values.Count == 1 && values[0] == expect.Value,
            ExpectationKind.NoRows => values.Count == 0,
            ExpectationKind.Increase => values.Count == 1 && Number(values[0]) is { } after
                && (expect.Value is { } by && decimal.TryParse(by, NumberStyles.Number, CultureInfo.InvariantCulture, out var step) ? after - (before ?? 0) == step : after > (before ?? 0)),
            ExpectationKind.RowsChanged => values.Count == 1 && Number(values[0]) == rowsChanged,
            _ => false,
        };
        return new CheckResult(ok ? "passed" : "failed", expected, actual);
    }

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string Describe(Expectation expect, decimal? before, long rowsChanged) => expect.Kind switch
    {
        ExpectationKind.Value => expect.Value ?? string.Empty,
        ExpectationKind.NoRows => "no rows",
        ExpectationKind.Increase => string.Create(CultureInfo.InvariantCulture, $"more than {before ?? 0}{(expect.Value is { } v ? $" (by {v})" : string.Empty)}"),
        ExpectationKind.RowsChanged => string.Create(CultureInfo.InvariantCulture, $"{rowsChanged} (rows the step changed)"),
        ExpectationKind.Manual => "a person judges",
        _ => throw new System.Diagnostics.UnreachableException(),
    };
}
