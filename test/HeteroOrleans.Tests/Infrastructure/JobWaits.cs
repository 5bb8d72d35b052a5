using HeteroOrleans.Contracts.Jobs;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>Waits for a job to reach a state, polling its report (jobs run on their own once tasks are submitted).</summary>
internal static class JobWaits
{
    public static async Task<JobReport> UntilAsync(IJobGrain job, Func<JobReport, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var report = await job.GetReportAsync();
            if (condition(report))
            {
                return report;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 60 s for {what}; the job is {report.State} with {report.ImagesRecorded} images recorded.");
            }

            await Task.Delay(50);
        }
    }
}
