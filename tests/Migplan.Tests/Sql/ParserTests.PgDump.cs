using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Sql;

public class ParserPgDumpTests
{
    private const string Dump = """
        --
        -- PostgreSQL database dump
        --

        \restrict 8mFQxYbV0o3Ne2zUfQ4hQbY1lKcW9

        -- Dumped from database version 16.4
        -- Dumped by pg_dump version 16.4

        SET statement_timeout = 0;
        SET lock_timeout = 0;
        SET idle_in_transaction_session_timeout = 0;
        SET client_encoding = 'UTF8';
        SET standard_conforming_strings = on;
        SELECT pg_catalog.set_config('search_path', '', false);
        SET check_function_bodies = false;
        SET xmloption = content;
        SET client_min_messages = warning;
        SET row_security = off;

        --
        -- Name: touch_updated_at(); Type: FUNCTION; Schema: public; Owner: app
        --

        CREATE FUNCTION public.touch_updated_at() RETURNS trigger
            LANGUAGE plpgsql
            AS $$
        BEGIN
            NEW.updated_at := now();
            RETURN NEW;
        END;
        $$;


        ALTER FUNCTION public.touch_updated_at() OWNER TO app;

        SET default_tablespace = '';

        SET default_table_access_method = heap;

        --
        -- Name: users; Type: TABLE; Schema: public; Owner: app
        --

        CREATE TABLE public.users (
            id integer NOT NULL,
            email character varying(255) NOT NULL,
            status public.user_status DEFAULT 'active'::public.user_status NOT NULL,
            created_at timestamp with time zone DEFAULT now() NOT NULL,
            updated_at timestamp without time zone,
            CONSTRAINT users_email_check CHECK (((email)::text <> ''::text))
        );


        ALTER TABLE public.users OWNER TO app;

        --
        -- Name: TABLE users; Type: COMMENT; Schema: public; Owner: app
        --

        COMMENT ON TABLE public.users IS 'Registered users; one row per account.';


        --
        -- Name: users_id_seq; Type: SEQUENCE; Schema: public; Owner: app
        --

        CREATE SEQUENCE public.users_id_seq
            AS integer
            START WITH 1
            INCREMENT BY 1
            NO MINVALUE
            NO MAXVALUE
            CACHE 1;


        ALTER SEQUENCE public.users_id_seq OWNER TO app;

        --
        -- Name: users_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: app
        --

        ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;


        --
        -- Name: users id; Type: DEFAULT; Schema: public; Owner: app
        --

        ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);


        --
        -- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: app
        --

        ALTER TABLE ONLY public.users
            ADD CONSTRAINT users_pkey PRIMARY KEY (id);


        --
        -- Name: users_email_idx; Type: INDEX; Schema: public; Owner: app
        --

        CREATE UNIQUE INDEX users_email_idx ON public.users USING btree (lower((email)::text));

        CREATE INDEX users_created_at_idx ON public.users USING btree (created_at);


        --
        -- Name: users users_touch; Type: TRIGGER; Schema: public; Owner: app
        --

        CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();


        --
        -- Name: orders orders_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: app
        --

        ALTER TABLE ONLY public.orders
            ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


        --
        -- PostgreSQL database dump complete
        --

        \unrestrict 8mFQxYbV0o3Ne2zUfQ4hQbY1lKcW9

        """;

    [Fact]
    public void PgDumpSchema_ParsesWithoutErrors()
    {
        ParseResult result = ParseSchemaClean(Dump);
        Assert.Equal(
            [
                "PsqlMetaCommand", "SetStatement", "SetStatement", "SetStatement", "SetStatement", "SetStatement",
                "OpaqueStatement", "SetStatement", "SetStatement", "SetStatement", "SetStatement",
                "OpaqueStatement", "OpaqueStatement", "SetStatement", "SetStatement",
                "CreateTableStatement", "OpaqueStatement", "CommentStatement",
                "CreateSequenceStatement", "OpaqueStatement", "AlterSequenceStatement",
                "AlterTableStatement", "AlterTableStatement",
                "CreateIndexStatement", "CreateIndexStatement", "OpaqueStatement", "AlterTableStatement", "PsqlMetaCommand",
            ],
            result.Statements.Select(s => s.GetType().Name));
    }

    [Fact]
    public void PgDumpSchema_StructuralDetails()
    {
        ParseResult result = ParseSchemaClean(Dump);
        CreateTableStatement users = result.Statements.OfType<CreateTableStatement>().Single();
        Assert.Equal("public.users", users.Name.Key);
        Assert.Equal(["id", "email", "status", "created_at", "updated_at"], users.Columns.Select(c => c.Name.Value));
        Assert.Equal("character varying", users.Columns[1].Type.BaseName);
        Assert.Equal("public.user_status", users.Columns[2].Type.BaseName);
        Assert.Equal("'active'::public.user_status", users.Columns[2].Default?.Text);
        Assert.Equal("timestamp with time zone", users.Columns[3].Type.BaseName);
        Assert.Equal("((email)::text <> ''::text)", Assert.IsType<CheckConstraint>(Assert.Single(users.Constraints)).Expression.Text);

        string[] opaque = result.Statements.OfType<OpaqueStatement>().Select(o => o.Reason).ToArray();
        Assert.Equal(
            [
                "SELECT is not analysed", "CREATE FUNCTION is not analysed", "ALTER FUNCTION is not analysed",
                "ALTER TABLE ... OWNER TO is not analysed", "ALTER SEQUENCE ... OWNER TO is not analysed", "CREATE TRIGGER is not analysed",
            ],
            opaque);

        CreateIndexStatement unique = result.Statements.OfType<CreateIndexStatement>().First();
        Assert.True(unique.Unique);
        Assert.Equal("lower((email)::text)", unique.Elements[0].Expression?.Text);

        var fk = Assert.IsType<ForeignKeyConstraint>(
            Assert.IsType<AddConstraintAction>(result.Statements.OfType<AlterTableStatement>().Last().Actions[0]).Constraint);
        Assert.Equal("public.users", fk.Reference.Table.Key);
        Assert.Equal(ReferentialAction.Cascade, fk.Reference.OnDelete);

        Statement function = result.Statements[11];
        Assert.StartsWith("CREATE FUNCTION public.touch_updated_at()", function.Text, StringComparison.Ordinal);
        Assert.EndsWith("END;\n$$", function.Text, StringComparison.Ordinal);
    }
}
