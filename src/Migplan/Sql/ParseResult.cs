using System.Collections.Immutable;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>The statements of a source and every diagnostic found; parsing continues after errors.</summary>
public sealed record ParseResult(ImmutableArray<Statement> Statements, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
