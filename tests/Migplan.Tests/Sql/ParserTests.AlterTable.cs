using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Sql;

public class ParserAlterTableTests
{
    [Fact]
    public void Header_IfExistsOnlyAndQualifiedName()
    {
        var statement = One<AlterTableStatement>("ALTER TABLE IF EXISTS ONLY Public.Users * DROP COLUMN x");
        Assert.True(statement.IfExists);
        Assert.True(statement.Only);
        Assert.Equal(new QualifiedName(Id("public"), Id("users")), statement.Table);
    }

    [Fact]
    public void AddColumn_WithConstraints()
    {
        var action = Action<AddColumnAction>("ALTER TABLE users ADD COLUMN IF NOT EXISTS email varchar(255) NOT NULL DEFAULT ''");
        Assert.True(action.IfNotExists);
        Assert.Equal(Id("email"), action.Column.Name);
        Assert.Equal("varchar(255)", action.Column.Type.Text);
        Assert.True(action.Column.IsNotNull);
        Assert.Equal("''", action.Column.Default?.Text);
        Assert.Equal("ADD COLUMN IF NOT EXISTS email varchar(255) NOT NULL DEFAULT ''", action.Text);
    }

    [Fact]
    public void AddColumn_WithoutColumnKeyword()
    {
        var action = Action<AddColumnAction>("ALTER TABLE t ADD \"Note\" text");
        Assert.False(action.IfNotExists);
        Assert.Equal(Id("Note"), action.Column.Name);
    }

    [Theory]
    [InlineData("ALTER TABLE t DROP COLUMN IF EXISTS c CASCADE", true, true)]
    [InlineData("ALTER TABLE t DROP c RESTRICT", false, false)]
    [InlineData("ALTER TABLE t DROP COLUMN c", false, false)]
    public void DropColumn(string sql, bool ifExists, bool cascade)
    {
        var action = Action<DropColumnAction>(sql);
        Assert.Equal(Id("c"), action.Column);
        Assert.Equal(ifExists, action.IfExists);
        Assert.Equal(cascade, action.Cascade);
    }

    [Theory]
    [InlineData("ALTER TABLE t RENAME COLUMN a TO b")]
    [InlineData("ALTER TABLE t RENAME a TO b")]
    public void RenameColumn(string sql)
    {
        var action = Action<RenameColumnAction>(sql);
        Assert.Equal(Id("a"), action.Column);
        Assert.Equal(Id("b"), action.NewName);
    }

    [Theory]
    [InlineData("ALTER TABLE t ALTER COLUMN c TYPE bigint", "bigint", null, null)]
    [InlineData("ALTER TABLE t ALTER c SET DATA TYPE text COLLATE \"C\"", "text", "\"C\"", null)]
    [InlineData("ALTER TABLE t ALTER COLUMN c TYPE integer USING c::integer", "integer", null, "c::integer")]
    [InlineData("ALTER TABLE t ALTER COLUMN c TYPE timestamp with time zone USING to_timestamp(c / 1000.0)", "timestamp with time zone", null, "to_timestamp(c / 1000.0)")]
    public void AlterColumnType(string sql, string type, string? collation, string? usingText)
    {
        var action = Action<AlterColumnTypeAction>(sql);
        Assert.Equal(Id("c"), action.Column);
        Assert.Equal(type, action.Type.Text);
        Assert.Equal(collation, action.Collation);
        Assert.Equal(usingText, action.Using?.Text);
    }

    [Fact]
    public void AlterColumnType_UsingExpression_CollectsColumnsAndFunctions()
    {
        var action = Action<AlterColumnTypeAction>("ALTER TABLE t ALTER COLUMN c TYPE bigint USING coalesce(c, d::bigint, 0)");
        Assert.Equal("c,d", Columns(action.Using!));
        Assert.Equal("coalesce", Functions(action.Using!));
    }

    [Fact]
    public void NotNullAndDefaultActions()
    {
        var statement = One<AlterTableStatement>(
            "ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER b DROP NOT NULL, ALTER COLUMN c SET DEFAULT now(), ALTER COLUMN d DROP DEFAULT");
        Assert.Collection(
            statement.Actions,
            a => Assert.Equal(Id("a"), Assert.IsType<SetNotNullAction>(a).Column),
            a => Assert.Equal(Id("b"), Assert.IsType<DropNotNullAction>(a).Column),
            a =>
            {
                var setDefault = Assert.IsType<SetDefaultAction>(a);
                Assert.Equal("now()", setDefault.Default.Text);
                Assert.Equal("ALTER COLUMN c SET DEFAULT now()", setDefault.Text);
            },
            a => Assert.Equal(Id("d"), Assert.IsType<DropDefaultAction>(a).Column));
    }

    [Fact]
    public void PgDumpSetDefaultNextval_ParsesStructurally()
    {
        var statement = One<AlterTableStatement>("ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass)");
        Assert.True(statement.Only);
        var action = Assert.IsType<SetDefaultAction>(Assert.Single(statement.Actions));
        Assert.Equal("nextval('public.users_id_seq'::regclass)", action.Default.Text);
        Assert.Equal("nextval", Functions(action.Default));
        Assert.Empty(action.Default.Columns);
    }

    [Fact]
    public void AddConstraint_NotValidForeignKey()
    {
        var action = Action<AddConstraintAction>("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID");
        var fk = Assert.IsType<ForeignKeyConstraint>(action.Constraint);
        Assert.True(fk.NotValid);
        Assert.True(fk.NotValid == ((TableConstraint)fk).NotValid);
        Assert.Equal(Id("orders_user_fk"), fk.Name);
        Assert.Equal("CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID", fk.Text);
        Assert.Equal("ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID", action.Text);
    }

    [Fact]
    public void AddConstraint_CheckNotValid()
    {
        var check = Assert.IsType<CheckConstraint>(Action<AddConstraintAction>("ALTER TABLE t ADD CHECK (a IS NOT NULL) NOT VALID").Constraint);
        Assert.True(check.NotValid);
        Assert.Null(check.Name);
        Assert.Equal("a", Columns(check.Expression));
    }

    [Fact]
    public void AddConstraint_PrimaryKeyAndUniqueUsingIndex()
    {
        var statement = One<AlterTableStatement>(
            "ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_idx, ADD CONSTRAINT t_email_key UNIQUE USING INDEX t_email_idx DEFERRABLE");
        var pk = Assert.IsType<PrimaryKeyConstraint>(Assert.IsType<AddConstraintAction>(statement.Actions[0]).Constraint);
        Assert.Equal(Id("t_id_idx"), pk.UsingIndex);
        Assert.Empty(pk.Columns);
        var unique = Assert.IsType<UniqueConstraint>(Assert.IsType<AddConstraintAction>(statement.Actions[1]).Constraint);
        Assert.Equal(Id("t_email_idx"), unique.UsingIndex);
    }

    [Fact]
    public void PgDumpAddPrimaryKey_ParsesStructurally()
    {
        var action = Action<AddConstraintAction>("ALTER TABLE ONLY public.t\n    ADD CONSTRAINT t_pkey PRIMARY KEY (id)");
        var pk = Assert.IsType<PrimaryKeyConstraint>(action.Constraint);
        Assert.Equal([Id("id")], pk.Columns);
        Assert.Null(pk.UsingIndex);
    }

    [Fact]
    public void ConstraintMaintenanceActions()
    {
        var statement = One<AlterTableStatement>("ALTER TABLE t DROP CONSTRAINT IF EXISTS a CASCADE, VALIDATE CONSTRAINT b");
        var drop = Assert.IsType<DropConstraintAction>(statement.Actions[0]);
        Assert.Equal(Id("a"), drop.Name);
        Assert.True(drop.IfExists);
        Assert.True(drop.Cascade);
        Assert.Equal(Id("b"), Assert.IsType<ValidateConstraintAction>(statement.Actions[1]).Name);

        var rename = Action<RenameConstraintAction>("ALTER TABLE t RENAME CONSTRAINT a TO \"B\"");
        Assert.Equal(Id("B"), rename.NewName);
    }

    [Fact]
    public void RenameTableAndSetSchema()
    {
        Assert.Equal(Id("people"), Action<RenameTableAction>("ALTER TABLE users RENAME TO people").NewName);
        Assert.Equal(Id("archive"), Action<SetSchemaAction>("ALTER TABLE users SET SCHEMA archive").Schema);
    }

    [Fact]
    public void Partitions()
    {
        var attach = Action<AttachPartitionAction>("ALTER TABLE m ATTACH PARTITION s.m_1 FOR VALUES IN (1, 2)");
        Assert.Equal(new QualifiedName(Id("s"), Id("m_1")), attach.Partition);
        Assert.Equal("FOR VALUES IN (1, 2)", attach.Bound);
        Assert.Equal("DEFAULT", Action<AttachPartitionAction>("ALTER TABLE m ATTACH PARTITION m_d DEFAULT").Bound);

        var concurrently = Action<DetachPartitionAction>("ALTER TABLE m DETACH PARTITION m_1 CONCURRENTLY");
        Assert.True(concurrently.Concurrently);
        Assert.False(concurrently.Finalize);
        Assert.True(Action<DetachPartitionAction>("ALTER TABLE m DETACH PARTITION m_1 FINALIZE").Finalize);
    }

    [Theory]
    [InlineData("ALTER TABLE t ENABLE TRIGGER trg", true, "trg", "trg")]
    [InlineData("ALTER TABLE t DISABLE TRIGGER ALL", false, null, "ALL")]
    [InlineData("ALTER TABLE t DISABLE TRIGGER user", false, null, "USER")]
    [InlineData("ALTER TABLE t ENABLE REPLICA TRIGGER trg", true, "trg", "trg")]
    [InlineData("ALTER TABLE t ENABLE ALWAYS TRIGGER trg", true, "trg", "trg")]
    public void TriggerState(string sql, bool enable, string? trigger, string target)
    {
        var action = Action<SetTriggerStateAction>(sql);
        Assert.Equal(enable, action.Enable);
        Assert.Equal(trigger, action.Trigger?.Value);
        Assert.Equal(target, action.Target);
    }

    [Theory]
    [InlineData("ALTER TABLE t ENABLE ROW LEVEL SECURITY", false, true)]
    [InlineData("ALTER TABLE t DISABLE ROW LEVEL SECURITY", false, false)]
    [InlineData("ALTER TABLE t FORCE ROW LEVEL SECURITY", true, true)]
    [InlineData("ALTER TABLE t NO FORCE ROW LEVEL SECURITY", true, false)]
    public void RowLevelSecurity_IsAnalysed(string sql, bool force, bool on)
    {
        var action = Assert.IsType<RowSecurityAction>(Assert.Single(One<AlterTableStatement>(sql).Actions));
        Assert.Equal(force, action.Force);
        Assert.Equal(on, action.On);
    }

    [Theory]
    [InlineData("ALTER TABLE public.users OWNER TO app", "ALTER TABLE ... OWNER TO is not analysed")]
    [InlineData("ALTER TABLE t SET (fillfactor = 70)", "ALTER TABLE ... SET (...) is not analysed")]
    [InlineData("ALTER TABLE t REPLICA IDENTITY FULL", "ALTER TABLE ... REPLICA IDENTITY is not analysed")]
    [InlineData("ALTER TABLE t ALTER COLUMN c SET STATISTICS 100", "ALTER TABLE ... ALTER COLUMN ... SET STATISTICS is not analysed")]
    [InlineData("ALTER TABLE t ALTER COLUMN id SET GENERATED ALWAYS", "ALTER TABLE ... ALTER COLUMN ... SET GENERATED is not analysed")]
    [InlineData("ALTER TABLE t ENABLE RULE r", "ALTER TABLE ... ENABLE RULE is not analysed")]
    [InlineData("ALTER TABLE t ADD COLUMN a int, OWNER TO app", "ALTER TABLE ... OWNER TO is not analysed")]
    [InlineData("ALTER TABLE t ALTER CONSTRAINT c DEFERRABLE", "ALTER TABLE ... ALTER CONSTRAINT is not analysed")]
    [InlineData("ALTER TABLE t SET TABLESPACE fast", "ALTER TABLE ... SET TABLESPACE is not analysed")]
    public void UnanalysedSubcommands_MakeTheWholeStatementOpaque(string sql, string reason)
    {
        var statement = One<OpaqueStatement>(sql);
        Assert.Equal(reason, statement.Reason);
        Assert.Equal(sql, statement.Text);
    }

    [Theory]
    [InlineData("ALTER TABLE t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY", true, null)]
    [InlineData("ALTER TABLE t ALTER id ADD GENERATED BY DEFAULT AS IDENTITY (START WITH 10)", false, "START WITH 10")]
    public void AddIdentity_IsParsed(string sql, bool always, string? options)
    {
        var action = Action<AddIdentityAction>(sql);
        Assert.Equal("id", action.Column.Value);
        Assert.Equal(always, action.Always);
        Assert.Equal(options, action.Options);
    }

    [Fact]
    public void ActionLocations_AreExactSubcommandText()
    {
        const string sql = "ALTER TABLE t\n  ADD COLUMN a int,\n  DROP COLUMN b";
        var statement = One<AlterTableStatement>(sql);
        Assert.Equal(["ADD COLUMN a int", "DROP COLUMN b"], statement.Actions.Select(a => a.Text));
        Assert.Equal("change.sql:3:3", statement.Actions[1].Location.ToString());
    }
}
