global using Workflow.Demo;
global using Workflow.Hosting;
global using Workflow.ServiceDefaults;
