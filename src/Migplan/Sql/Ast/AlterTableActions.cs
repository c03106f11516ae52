namespace Migplan.Sql.Ast;

/// <summary>One subcommand of ALTER TABLE. <see cref="Text"/> is its exact source text.</summary>
public abstract record AlterTableAction(SourceLocation Location)
{
    public string Text => Location.Text;
}

public sealed record AddColumnAction(SourceLocation Location, ColumnDefinition Column, bool IfNotExists) : AlterTableAction(Location);

public sealed record DropColumnAction(SourceLocation Location, Identifier Column, bool IfExists, bool Cascade) : AlterTableAction(Location);

public sealed record RenameColumnAction(SourceLocation Location, Identifier Column, Identifier NewName) : AlterTableAction(Location);

/// <summary>ALTER [COLUMN] c [SET DATA] TYPE t [COLLATE x] [USING expr].</summary>
public sealed record AlterColumnTypeAction(SourceLocation Location, Identifier Column, TypeName Type, string? Collation, SqlExpression? Using) : AlterTableAction(Location);

public sealed record SetNotNullAction(SourceLocation Location, Identifier Column) : AlterTableAction(Location);

public sealed record DropNotNullAction(SourceLocation Location, Identifier Column) : AlterTableAction(Location);

public sealed record SetDefaultAction(SourceLocation Location, Identifier Column, SqlExpression Default) : AlterTableAction(Location);

public sealed record DropDefaultAction(SourceLocation Location, Identifier Column) : AlterTableAction(Location);

/// <summary>ALTER COLUMN c ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]; <see cref="Options"/> as written inside its parentheses.</summary>
public sealed record AddIdentityAction(SourceLocation Location, Identifier Column, bool Always, string? Options) : AlterTableAction(Location);

/// <summary>ADD [CONSTRAINT name] ... [NOT VALID]; NOT VALID is on the constraint.</summary>
public sealed record AddConstraintAction(SourceLocation Location, TableConstraint Constraint) : AlterTableAction(Location);

public sealed record DropConstraintAction(SourceLocation Location, Identifier Name, bool IfExists, bool Cascade) : AlterTableAction(Location);

public sealed record ValidateConstraintAction(SourceLocation Location, Identifier Name) : AlterTableAction(Location);

public sealed record RenameConstraintAction(SourceLocation Location, Identifier Name, Identifier NewName) : AlterTableAction(Location);

/// <summary>ALTER TABLE t RENAME TO n (always alone in its statement).</summary>
public sealed record RenameTableAction(SourceLocation Location, Identifier NewName) : AlterTableAction(Location);

/// <summary>ALTER TABLE t SET SCHEMA s (always alone in its statement).</summary>
public sealed record SetSchemaAction(SourceLocation Location, Identifier Schema) : AlterTableAction(Location);

/// <summary>ATTACH PARTITION p {FOR VALUES ... | DEFAULT}; bound kept as text.</summary>
public sealed record AttachPartitionAction(SourceLocation Location, QualifiedName Partition, string Bound) : AlterTableAction(Location);

public sealed record DetachPartitionAction(SourceLocation Location, QualifiedName Partition, bool Concurrently, bool Finalize) : AlterTableAction(Location);

/// <summary>ENABLE/DISABLE [REPLICA|ALWAYS] TRIGGER {name|ALL|USER}; <see cref="Trigger"/> is null for ALL/USER.</summary>
/// <summary>ENABLE | DISABLE | FORCE | NO FORCE ROW LEVEL SECURITY: <see cref="Force"/> for the FORCE forms, <see cref="On"/> for ENABLE and FORCE.</summary>
public sealed record RowSecurityAction(SourceLocation Location, bool Force, bool On) : AlterTableAction(Location);

public sealed record SetTriggerStateAction(SourceLocation Location, bool Enable, Identifier? Trigger, string Target) : AlterTableAction(Location);
