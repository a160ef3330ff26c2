// The embedded host composes the gateway, the silo's hosting, the demo and the service defaults; these tests drive
// all of them.
global using Workflow.Demo;
global using Workflow.Embedded;
global using Workflow.Hosting;
global using Workflow.ServiceDefaults;
global using Workflow.ClusterSecurity;
