namespace Migplan.Sql;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>A problem in the user's input, with the place it was found.</summary>
public sealed record Diagnostic(SourceLocation Location, string Message, DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    /// <summary><c>file:line:column: message</c>.</summary>
    public override string ToString() => $"{Location}: {Message}";
}
