// Alert rules an operator needs, all mailed to the operator's action group:
//  - no-successful-polls: the heartbeat. No poll fetched anything for 30 minutes, including when no
//    telemetry arrives at all (the worker cannot start, its identity lost a role, the cap is hit).
//  - exceptions: the host or the worker logged an error with an exception.
//  - poison-messages: the app moved a message to a -poison queue (or found some there).
//  - function-failures: invocations finishing with success == false.
//  - stale-sources: a source has not been polled successfully for longer than allowed.
// See docs/OPERATIONS.md, "Alerts", for what the app emits for each.
param namePrefix string
param location string
param tags object = {}

param applicationInsightsId string

@description('Log Analytics workspace that holds the app\'s telemetry and the FunctionAppLogs diagnostics.')
param logAnalyticsWorkspaceId string

@minLength(3)
@description('E-mail address that receives every alert (required: an alert without an action group notifies nobody).')
param alertEmail string

@description('Failed invocations within the window that raise the failure alert.')
@minValue(1)
param functionFailureThreshold int = 3

@description('Error-level exceptions within the window that raise the exceptions alert.')
@minValue(1)
param exceptionThreshold int = 1

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'alerts-ops'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// The pipeline meter's counter alerts.source.polls (tag status) reaches Application Insights as
// customMetrics rows named after the instrument, tags in customDimensions. summarize without "by"
// returns one row even when nothing matched, so "no telemetry at all" yields 0, not an empty result.
var heartbeatQuery = '''
customMetrics
| where name == "alerts.source.polls"
| where tostring(customDimensions.status) in ("fetched", "not_modified")
| summarize SuccessfulPolls = count()
'''

// Host and worker errors: exceptions the telemetry recorded at Error or Critical, and error
// records of the platform's FunctionAppLogs (diagnostic setting of the function app).
var exceptionsQuery = '''
union isfuzzy=true
  (AppExceptions
    | where SeverityLevel >= 3
    | project TimeGenerated, Origin = "telemetry", Problem = strcat(ExceptionType, ": ", OuterMessage)),
  (FunctionAppLogs
    | where Level in ("Error", "Critical")
    | project TimeGenerated, Origin = "FunctionAppLogs", Problem = iff(isnotempty(ExceptionType), strcat(ExceptionType, ": ", ExceptionMessage), Message))
'''

// A message moved to a -poison queue: the app's MessagePoisoned warning (Signal dimension) and its
// alerts.messages.poisoned counter (tag queue), at the moment it moves one; the Functions host's
// own "MaxDequeueCount ... -poison" warning; and PoisonMessages, which the health report logs for
// messages still lying in a poison queue.
var poisonQuery = '''
union isfuzzy=true
  (traces | where tostring(customDimensions.Signal) in ("MessagePoisoned", "PoisonMessages") or tostring(customDimensions.EventName) in ("MessagePoisoned", "PoisonMessages")),
  (customEvents | where name in ("MessagePoisoned", "PoisonMessages")),
  (customMetrics | where name == "alerts.messages.poisoned" and valueSum > 0),
  (traces | where message has "MaxDequeueCount" and message contains "-poison")
'''

var failureQuery = '''
requests
| where success == false
'''

var staleQuery = '''
union isfuzzy=true
  (traces | where tostring(customDimensions.Signal) == "SourceStale" or tostring(customDimensions.EventName) == "SourceStale"),
  (customEvents | where name == "SourceStale")
'''

// scope: where the query runs (the Application Insights component, or the workspace for the
// tables only the workspace has). measure: the column a one-row query reports, else rows are counted.
var rules = [
  {
    key: 'no-successful-polls'
    displayName: 'Treaty Alerts: no successful poll for 30 minutes'
    description: 'No source poll ended fetched or not_modified in 30 minutes: the worker is down, cannot start, or cannot reach any source. Check the app, its exceptions and FunctionAppLogs (docs/OPERATIONS.md).'
    severity: 1
    scope: 'appInsights'
    query: heartbeatQuery
    measure: 'SuccessfulPolls'
    timeAggregation: 'Total'
    operator: 'LessThan'
    threshold: 1
    evaluationFrequency: 'PT5M'
    windowSize: 'PT30M'
  }
  {
    key: 'exceptions'
    displayName: 'Treaty Alerts: host or worker exceptions'
    description: 'The Functions host or the worker logged an error with an exception (AppExceptions, FunctionAppLogs).'
    severity: 2
    scope: 'workspace'
    query: exceptionsQuery
    measure: null
    timeAggregation: 'Count'
    operator: 'GreaterThan'
    threshold: exceptionThreshold - 1
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
  }
  {
    key: 'poison-messages'
    displayName: 'Treaty Alerts: message moved to a poison queue'
    description: 'A queue message failed repeatedly and was moved to a -poison queue. Inspect and replay it (docs/OPERATIONS.md).'
    severity: 2
    scope: 'appInsights'
    query: poisonQuery
    measure: null
    timeAggregation: 'Count'
    operator: 'GreaterThan'
    threshold: 0
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
  }
  {
    key: 'function-failures'
    displayName: 'Treaty Alerts: function invocations failing'
    description: 'Function invocations finished with success == false.'
    severity: 2
    scope: 'appInsights'
    query: failureQuery
    measure: null
    timeAggregation: 'Count'
    operator: 'GreaterThan'
    threshold: functionFailureThreshold - 1
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
  }
  {
    key: 'stale-sources'
    displayName: 'Treaty Alerts: a source is stale'
    description: 'A source has not been polled successfully for longer than its allowed age (SourceStale).'
    severity: 3
    scope: 'appInsights'
    query: staleQuery
    measure: null
    timeAggregation: 'Count'
    operator: 'GreaterThan'
    threshold: 0
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
  }
]

resource queryRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.key}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        rule.scope == 'workspace' ? logAnalyticsWorkspaceId : applicationInsightsId
      ]
      evaluationFrequency: rule.evaluationFrequency
      windowSize: rule.windowSize
      autoMitigate: true
      // A new workspace has no AppExceptions or FunctionAppLogs rows yet, and validating the query at
      // creation would fail the first deployment on a table that does not exist yet. union isfuzzy=true
      // keeps the queries running while a table is missing; preview a rule once data arrives.
      skipQueryValidation: true
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: rule.timeAggregation
            metricMeasureColumn: rule.measure
            operator: rule.operator
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

output ruleNames array = [for (rule, i) in rules: queryRules[i].name]
output actionGroupId string = actionGroup.id
