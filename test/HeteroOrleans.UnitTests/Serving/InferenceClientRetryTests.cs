using HeteroOrleans.Client;
using Orleans.Runtime;

namespace HeteroOrleans.UnitTests.Serving;

public sealed class InferenceClientRetryTests
{
    private static readonly byte[] Pixels = new byte[ServeRequest.ImageBytes];

    [Fact]
    public async Task A_request_rejected_on_its_way_is_sent_once_more_with_what_is_left_of_its_deadline()
    {
        var service = new FlakyService(new SiloUnavailableException("the gateway went"));
        var client = new InferenceClient(new OneServiceFactory(service));

        var reply = await client.ClassifyAsync(Pixels, TimeSpan.FromSeconds(1), cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(ServeOutcome.FineInTime, reply.Outcome);
        Assert.Equal(2, service.Deadlines.Count);
        Assert.True(service.Deadlines[1] <= service.Deadlines[0]);
    }

    [Fact]
    public async Task A_third_rejection_and_other_failures_reach_the_caller()
    {
        var twice = new FlakyService(new SiloUnavailableException("gone"), new SiloUnavailableException("gone again"));
        var answered = await new InferenceClient(new OneServiceFactory(twice)).ClassifyAsync(Pixels, TimeSpan.FromSeconds(1), cancellation: TestContext.Current.CancellationToken);
        Assert.Equal((ServeOutcome.FineInTime, 3), (answered.Outcome, twice.Deadlines.Count));

        var thrice = new FlakyService(new SiloUnavailableException("gone"), new SiloUnavailableException("gone again"), new SiloUnavailableException("and again"));
        await Assert.ThrowsAsync<SiloUnavailableException>(() =>
            new InferenceClient(new OneServiceFactory(thrice)).ClassifyAsync(Pixels, TimeSpan.FromSeconds(1), cancellation: TestContext.Current.CancellationToken));
        Assert.Equal(3, thrice.Deadlines.Count);

        var broken = new FlakyService(new InvalidOperationException("a bug"));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new InferenceClient(new OneServiceFactory(broken)).ClassifyAsync(Pixels, TimeSpan.FromSeconds(1), cancellation: TestContext.Current.CancellationToken));
        Assert.Single(broken.Deadlines);
    }

    // Fails with each of the given errors in turn, then answers.
    private sealed class FlakyService(params Exception[] failures) : IInferenceServiceGrain
    {
        private int _calls;

        public List<TimeSpan> Deadlines { get; } = [];

        public Task<ServeReply> ClassifyAsync(ServeRequest request, CancellationToken cancellation = default)
        {
            Deadlines.Add(request.Deadline);
            return _calls++ < failures.Length
                ? Task.FromException<ServeReply>(failures[_calls - 1])
                : Task.FromResult(new ServeReply(ServeOutcome.FineInTime, [], 1));
        }

        public Task<ServeCounts> GetCountsAsync() => throw new NotSupportedException();

        public Task<IReadOnlyList<ImageTrace>> GetTracesAsync(int slowest, TimeSpan within) => throw new NotSupportedException();
    }

    // A grain factory that knows one inference service.
    private sealed class OneServiceFactory(IInferenceServiceGrain service) : IGrainFactory
    {
        public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
            where TGrainInterface : IGrainWithStringKey => (TGrainInterface)service;

        public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
            where TGrainInterface : IGrainWithGuidKey => throw new NotSupportedException();

        public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
            where TGrainInterface : IGrainWithIntegerKey => throw new NotSupportedException();

        public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
            where TGrainInterface : IGrainWithGuidCompoundKey => throw new NotSupportedException();

        public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
            where TGrainInterface : IGrainWithIntegerCompoundKey => throw new NotSupportedException();

        public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
            where TGrainObserverInterface : IGrainObserver => throw new NotSupportedException();

        public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
            where TGrainObserverInterface : IGrainObserver => throw new NotSupportedException();

        public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => throw new NotSupportedException();

        public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => throw new NotSupportedException();

        public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => throw new NotSupportedException();

        public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => throw new NotSupportedException();

        public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => throw new NotSupportedException();

        public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
            where TGrainInterface : IAddressable => throw new NotSupportedException();

        public IAddressable GetGrain(GrainId grainId) => throw new NotSupportedException();

        public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => throw new NotSupportedException();

        public IAddressable GetGrain(Type interfaceType, IdSpan grainKey) => throw new NotSupportedException();

        public IAddressable GetGrain(Type interfaceType, IdSpan grainKey, string grainClassNamePrefix) => throw new NotSupportedException();
    }
}
