using HeteroOrleans.Hosting.Jobs;

namespace HeteroOrleans.UnitTests.Jobs;

public sealed class JobStateSweeperTests
{
    [Fact]
    public void Job_state_files_last_written_before_the_retention_are_deleted_and_the_rest_kept()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hetero-sweep-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var now = new DateTime(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);
            var (ended, running, other) = (Path.Combine(folder, "ended.grain"), Path.Combine(folder, "running.grain"), Path.Combine(folder, "notes.txt"));
            foreach (var (file, written) in new[] { (ended, now.AddDays(-8)), (running, now.AddMinutes(-1)), (other, now.AddDays(-30)) })
            {
                File.WriteAllText(file, "state");
                File.SetLastWriteTimeUtc(file, written);
            }

            Assert.Equal(1, JobStateSweeper.SweepFolder(folder, now - TimeSpan.FromDays(7)));
            Assert.False(File.Exists(ended));
            Assert.True(File.Exists(running) && File.Exists(other));
            Assert.Equal(0, JobStateSweeper.SweepFolder(Path.Combine(folder, "none"), now));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
