// One test cluster for the whole assembly: starting a three-silo cluster costs seconds.
[assembly: AssemblyFixture(typeof(ClusterFixture))]

// The cluster lane: TestingHost clusters by feature. The process lane's collection (silo and hetero processes, Redis,
// ProgramCollection) carries Category=Process too: `--filter Category!=Process` leaves them out.
[assembly: Trait("Category", "Cluster")]
