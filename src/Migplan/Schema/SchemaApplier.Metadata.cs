using Migplan.Sql.Ast;

namespace Migplan.Schema;

/// <summary>COMMENT ON, GRANT / REVOKE and ALTER SEQUENCE: what the catalog keeps of comments, privileges and sequence options.</summary>
public sealed partial class SchemaApplier
{
    private void Comment(CommentStatement s)
    {
        if (s.Kind is "TABLE" or "COLUMN" && RequireTable(s.Location, s.Name) is { } table && s.Column is { } column)
        {
            _ = RequireColumn(s.Location, table, column);
        }

        CommentSlot.For(catalog, s).Set(s.Comment);
    }

    private void Privileges(PrivilegeStatement s)
    {
        if (!strict)
        {
            catalog.Acls.Seen = true;
        }

        foreach (var (name, arguments) in s.Objects)
        {
            catalog.Acls.Apply(Acls.Key(catalog, s.Kind, name, arguments), s, Acls.KindOf(catalog, s.Kind, name));
        }
    }

    private void AlterSequence(AlterSequenceStatement s) => catalog.FindSequenceState(s.Name)?.Apply(s.Options);
}
