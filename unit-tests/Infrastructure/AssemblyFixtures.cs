[assembly: AssemblyFixture(typeof(StudyGuide.Tests.Infrastructure.TestDatabases))]
