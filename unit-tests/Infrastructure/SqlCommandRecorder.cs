using System.Data.Common;
using StudyGuide.Web.Data;

namespace StudyGuide.Tests.Infrastructure;

/// <summary>Records the SQL commands the app sends while a recording is open (<see cref="StudyGuideFactory.RecordSql"/>).</summary>
public sealed class SqlCommandRecorder : DbCommandObserver
{
    readonly List<Recording> open = [];

    public Recording Start()
    {
        var recording = new Recording(this);
        lock (open) open.Add(recording);
        return recording;
    }

    protected override void Observe(DbCommand command)
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
}
