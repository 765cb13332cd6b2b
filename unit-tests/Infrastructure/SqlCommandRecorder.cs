using System.Diagnostics;

namespace StudyGuide.Tests.Infrastructure;

/// <summary>
/// Records the SQL commands sent to one database while a recording is open (<see cref="StudyGuideFactory.RecordSql"/>):
/// every command Npgsql sends, through EF or not, from the activity it starts for each (ActivitySource "Npgsql").
/// Test classes run side by side in one process, each on its own database, so commands are told apart by database.
/// </summary>
public sealed class SqlCommandRecorder : IDisposable
{
    readonly List<Recording> open = [];
    readonly ActivityListener listener;

    public SqlCommandRecorder(string database)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            // The database and the command's text are tagged once the command is under way; all are there when it stops.
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.namespace") as string == database && activity.GetTagItem("db.query.text") is string sql)
                    lock (open) open.ForEach(recording => recording.Add(sql));
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public Recording Start()
    {
        var recording = new Recording(this);
        lock (open) open.Add(recording);
        return recording;
    }

    public void Dispose() => listener.Dispose();

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
