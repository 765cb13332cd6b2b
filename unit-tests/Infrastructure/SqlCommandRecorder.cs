using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StudyGuide.Tests.Infrastructure;

/// <summary>
/// Records the SQL commands the app sends while a recording is open (<see cref="StudyGuideFactory.RecordSql"/>).
/// An EF interceptor rather than EF's diagnostic events: those are switched on and off through a cached
/// check that pooled contexts keep, so a listener added mid-test could miss the first commands.
/// </summary>
public sealed class SqlCommandRecorder : DbCommandInterceptor
{
    readonly List<Recording> open = [];

    public Recording Start()
    {
        var recording = new Recording(this);
        lock (open) open.Add(recording);
        return recording;
    }

    void Record(DbCommand command)
    {
        lock (open) open.ForEach(recording => recording.Add(command.CommandText));
    }

    public sealed class Recording(SqlCommandRecorder recorder) : IDisposable
    {
        readonly List<string> commands = [];

        public IReadOnlyList<string> Commands
        {
            get { lock (commands) return commands.ToList(); }
        }

        internal void Add(string sql)
        {
            lock (commands) commands.Add(sql);
        }

        public void Dispose()
        {
            lock (recorder.open) recorder.open.Remove(this);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
