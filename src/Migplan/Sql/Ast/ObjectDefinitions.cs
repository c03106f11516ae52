using System.Collections.Immutable;

namespace Migplan.Sql.Ast;

/// <summary>The objects whose CREATE [OR REPLACE] and DROP migplan reads as definitions (see <see cref="Definition"/>).</summary>
public enum DefinitionKind
{
    Function,
    Procedure,
    View,
    Trigger,
}

/// <summary>How an argument of a function or procedure is passed.</summary>
public enum ArgumentMode
{
    In,
    Out,
    InOut,
    Variadic,
}

/// <summary>One argument as written: its mode, name (null when not written), type, and whether it has a default.</summary>
public sealed record RoutineArgument(ArgumentMode Mode, Identifier? Name, TypeName Type, bool HasDefault)
{
    /// <summary>True when the argument is part of the routine's identity (every mode but OUT).</summary>
    public bool InIdentity => Mode != ArgumentMode.Out;
}

/// <summary>
/// A function, procedure, view or trigger a statement names: its name, the table (a trigger's), and a routine's
/// arguments (null when a DROP writes none: the only routine of that name).
/// </summary>
public sealed record DefinedName(DefinitionKind Kind, QualifiedName Name, QualifiedName? Table, ImmutableArray<RoutineArgument>? Arguments)
{
    /// <summary>The identity argument types as written (no names, modes, defaults or OUT arguments); null when no list was written.</summary>
    public ImmutableArray<TypeName>? IdentityTypes =>
        Arguments is { } args ? [.. args.Where(a => a.InIdentity).Select(a => a.Type)] : null;

    /// <summary>
    /// The name as a DROP writes it: <c>name(type, ...)</c> for a routine (identity types as written), <c>name ON
    /// table</c> for a trigger, the name for a view. Built from parsed names and types only.
    /// </summary>
    public string DropTarget => Kind switch
    {
        DefinitionKind.Trigger => $"{Name.Name.Quoted} ON {Table!.Quoted}",
        DefinitionKind.View => Name.Quoted,
        _ => $"{Name.Quoted}({string.Join(", ", IdentityTypes?.Select(t => t.Text) ?? [])})",
    };

    /// <summary>The kind as SQL writes it: FUNCTION, PROCEDURE, VIEW, TRIGGER.</summary>
    public string KindWord => Kind.ToString().ToUpperInvariant();
}

/// <summary>A CREATE [OR REPLACE] or DROP of a function, procedure, view or trigger (carried as an <see cref="OpaqueStatement"/>).</summary>
public abstract record Definition;

/// <summary>
/// CREATE [OR REPLACE] [CONSTRAINT] FUNCTION / PROCEDURE / [RECURSIVE] VIEW / TRIGGER. <see cref="KindOffset"/> is
/// where the words after CREATE [OR REPLACE] start in the statement text (a token's start), so the definition can be
/// written again as CREATE OR REPLACE without rewriting any of its text.
/// </summary>
public sealed record CreateDefinition(DefinedName Target, bool OrReplace, int KindOffset) : Definition
{
    /// <summary>The routine's language, lower-cased ("sql" for a BEGIN ATOMIC body); null for views and triggers or when not written.</summary>
    public string? Language { get; init; }

    /// <summary>A CONSTRAINT TRIGGER (OR REPLACE cannot replace one).</summary>
    public bool ConstraintTrigger { get; init; }

    /// <summary>The function a trigger executes.</summary>
    public QualifiedName? TriggerFunction { get; init; }
}

/// <summary>DROP FUNCTION / PROCEDURE / VIEW / TRIGGER [IF EXISTS] name [, ...] [CASCADE | RESTRICT].</summary>
public sealed record DropDefinition(ImmutableArray<DefinedName> Targets, bool IfExists, bool Cascade) : Definition;
