namespace Migplan.Rendering.Messages;

/// <summary>Messages of the rename recipes: compatibility views, deploy gates, and what depends on a renamed name.</summary>
public sealed partial class English
{
    private static IEnumerable<KeyValuePair<string, string>> Renames() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["action.create-compat-view"] = "Create the view {0} over {1}, every column under its current name, with the table's grants (and USAGE on its schema) for the roles that have them. It stores column numbers, not names: after the rename it still shows the old name and reads and writes the renamed column (a simple view is auto-updatable; on PostgreSQL 15+ it is security_invoker, so the caller's privileges and row-level security apply).",
        ["action.point-application-at-view"] = "Then point every instance of the application now running at it: search_path = {0} (a connection option or ALTER ROLE ... SET search_path, then reconnect). It reads and writes the table through the view; nothing else changes for it.",
        ["action.rename-column-through-view"] = "Rename the column. The application instances on search_path {1} keep the old name through {0}; code that uses the table directly must use the new name from now on.",
        ["action.rename-table-compatible-first"] = "No view with the old name is kept (a later statement of the change drops or retypes one of its columns, which a view would prevent): deploy code that uses the new name in the same window.",
        ["action.drop-compat-view"] = "Drop the view {0}, and the schema {1} once it is empty.",
        ["action.dependents-by-name"] = "Do not follow the rename of {0}: they name it in their text and fail when next run with the old name. Change them in the same change (CREATE OR REPLACE): {1}.",
        ["action.dependents-follow"] = "Follow the rename of {0} on their own (PostgreSQL refers to it by number, not by name; a view keeps the old name as its own output column name): {1}.",
        ["action.no-dependents-found"] = "Nothing in the schema depends on {0} (indexes, constraints, foreign keys; views, functions, triggers and policies by a textual match of their definitions). Application SQL is not seen: search it for the old name.",
        ["confirm.application-reads-through-view"] = "Every instance of the application now running reads and writes {0} through the compatibility view: it connects with search_path = {1}.",
        ["confirm.application-uses-new-column-names"] = "Every application instance reads and writes the new name: the release that uses {0} under its new column names is live everywhere, and no instance sets search_path to {1} any more.",
        ["confirm.application-uses-new-table-name"] = "Every application instance reads and writes the new name: the release that uses {0} is live everywhere, and nothing uses {1} any more (pg_stat_statements, application logs).",
        ["dependent-item.live"] = "{0} {1}",
        ["dependent-item.schema"] = "{0} {1}",
        ["dependent-item.textual"] = "{0} {1} (textual match)",
        ["dependent-kind.view"] = "view",
        ["dependent-kind.materialized-view"] = "materialized view",
        ["dependent-kind.function"] = "function",
        ["dependent-kind.procedure"] = "procedure",
        ["dependent-kind.trigger"] = "trigger",
        ["dependent-kind.policy"] = "policy",
        ["dependent-kind.rule"] = "rule",
        ["dependent-kind.index"] = "index",
        ["dependent-kind.constraint"] = "constraint",
        ["dependent-kind.foreign-key"] = "foreign key",
        ["impact.create-compat-view"] = "ACCESS SHARE on {0} for milliseconds (creating a view over it): reads and writes continue.",
        ["impact.drop-compat-view"] = "ACCESS EXCLUSIVE on the view {0} only, for milliseconds once granted; {1} itself is not locked. Queries through the view fail from now on.",
        ["note.no-compat-view-columns-unknown"] = "No compatibility view for the rename of a column of {0}: its columns are not known (created from a query), so the view could not list them. Deploy code that uses the new name in the same window.",
        ["note.no-compat-view-materialized"] = "No compatibility view for the rename of a column of {0}: it is a materialized view. Deploy code that uses the new name in the same window.",
        ["note.no-compat-view-reshaped"] = "No compatibility view for the rename on {0}: a later statement of the change drops or retypes one of its columns (or drops it), which PostgreSQL refuses while a view uses them. Deploy code that uses the new name in the same window.",
        ["risk.compat-view"] = "Creates a view only; the table is not changed.",
        ["risk.compat-view-dropped"] = "Instances still on the old release (search_path with the compatibility schema) fail from now on: {0} is gone.",
        ["risk.dependents-by-name"] = "{0} Not followed by PostgreSQL (they name it in their text): {1}.",
        ["risk.rename-column-with-view"] = "Brief lock; instances reading through the compatibility view keep the old name, but any other query that still uses it fails at once.",
        ["risk.rename-table-without-view"] = "Brief lock, but every running query or application instance that still uses the old name fails at once (no compatibility view: see the notes).",
        ["rollback.drop-compat-view"] = "Drops the compatibility view, and its schema once empty.",
        ["rollback.recreate-compat-view-columns"] = "Recreates the compatibility view, each column under the name it had before the rename.",
        ["title.create-compat-view"] = "Create compatibility view {0}",
        ["title.drop-compat-view"] = "Drop compatibility view {0}",
        ["title.rename-table"] = "Rename table {0} to {1}",
    };
}
