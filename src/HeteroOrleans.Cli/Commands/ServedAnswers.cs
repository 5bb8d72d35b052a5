
namespace HeteroOrleans.Cli.Commands;

/// <summary><c>hetero classify --deadline</c>: the images through the inference service, in requests of at most 64.</summary>
internal static class ServedAnswers
{
    /// <summary>Classifies <paramref name="images"/> by <paramref name="deadline"/> and prints each image's answers; 1 when a request was refused.</summary>
    public static async Task<int> ClassifyAsync(
        IAnsiConsole console, IGrainFactory grains, CifarDataset images, TimeSpan deadline, RequestPriority priority, CancellationToken cancellation)
    {
        var client = new InferenceClient(grains);
        var status = 0;
        for (var first = 0; first < images.Count; first += ServeRequest.MaxImages)
        {
            var count = Math.Min(ServeRequest.MaxImages, images.Count - first);
            var reply = await client.ClassifyAsync(images.CreateTask(first / ServeRequest.MaxImages, ServeRequest.MaxImages).Pixels, deadline, priority, cancellation);
            if (reply.Outcome is ServeOutcome.Refused or ServeOutcome.Cancelled or ServeOutcome.Expired)
            {
                console.MarkupLine($"[red]Images {first} to {first + count - 1}: {reply.Outcome.ToString().ToLowerInvariant()}[/]: {Markup.Escape(reply.Reason ?? "")}"
                    + (reply.Outcome is ServeOutcome.Refused or ServeOutcome.Expired ? $"; try again in {reply.RetryAfter.TotalSeconds:0.#} s" : ""));
                status = 1;
                continue;
            }

            for (var i = 0; i < reply.Images.Count; i++)
            {
                var image = reply.Images[i];
                var fine = image.FineInTime
                    ? $"fine {CifarLabels.FineName(image.FineLabel)} ({image.FineConfidence:P0}, {image.FineDevice}, {image.FineTier?.ToString().ToLowerInvariant()})"
                    : "fine: not in time";
                console.MarkupLine(Markup.Escape(
                    $"image {first + i,6}  coarse {CifarLabels.CoarseName(image.CoarseLabel)} ({image.CoarseConfidence:P0}, {image.CoarseDevice})  {fine}  {reply.LatencyMs:0} ms"));
            }
        }

        return status;
    }
}
