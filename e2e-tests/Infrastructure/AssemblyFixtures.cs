[assembly: AssemblyFixture(typeof(StudyGuide.Tests.Infrastructure.TestDatabases))]
[assembly: AssemblyFixture(typeof(StudyGuide.E2E.Infrastructure.Browser))]
