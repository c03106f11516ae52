using System.Text.RegularExpressions;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Schema;

/// <summary>
/// The DO blocks migration generators write around one statement so that it runs only once (Drizzle Kit's
/// <c>DO $$ BEGIN ALTER TABLE ... ADD CONSTRAINT ...; EXCEPTION WHEN duplicate_object THEN null; END $$;</c>, and the
/// <c>IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '...') THEN ...; END IF;</c> form): a schema made of
/// such migrations holds what the statement creates, so the schema loader applies the statement inside. Any other DO
/// block stays opaque.
/// </summary>
internal static partial class GuardedStatements
{
    /// <summary>The one statement a guarded DO block runs, parsed; null for any other text.</summary>
    public static Statement? Inside(OpaqueStatement block)
    {
        var outer = DoBlock().Match(block.Text);
        if (!outer.Success)
        {
            return null;
        }

        var inner = ExceptionGuard().Match(outer.Groups["body"].Value) is { Success: true } guarded ? guarded
            : ExistenceGuard().Match(outer.Groups["body"].Value) is { Success: true } checkedFirst ? checkedFirst
            : null;
        if (inner is null)
        {
            return null;
        }

        var parsed = SqlParser.Parse(new SourceText(block.Location.Source.Path, inner.Groups["statement"].Value + ";\n"), PsqlSyntax.Tolerated);
        return parsed.Diagnostics.IsEmpty && parsed.Statements is [var statement] && statement is not OpaqueStatement ? statement : null;
    }

    [GeneratedRegex(@"^\s*DO\s+(?<quote>\$[A-Za-z_0-9]*\$)(?<body>.*)\k<quote>\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex DoBlock();

    [GeneratedRegex(@"^\s*BEGIN\s+(?<statement>[^;]+?)\s*;\s*EXCEPTION\s+WHEN\s+duplicate_object\s+THEN\s+null\s*;\s*END\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ExceptionGuard();

    [GeneratedRegex(@"^\s*BEGIN\s+IF\s+NOT\s+EXISTS\s*\(\s*SELECT\s+1\s+FROM\s+pg_constraint\s+WHERE\s+conname\s*=\s*'[^']*'\s*\)\s*THEN\s+(?<statement>[^;]+?)\s*;\s*END\s+IF\s*;\s*END\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ExistenceGuard();
}
