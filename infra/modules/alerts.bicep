// Alert rules an operator needs: messages dead-lettered to a poison queue, function invocations
// failing, sources gone stale. They query Application Insights, where the app reports the two
// pipeline signals (see docs/OPERATIONS.md, "What the alerts watch").
param namePrefix string
param location string
param tags object = {}

param applicationInsightsId string

@description('E-mail address for alert notifications; empty for rules without notification.')
param alertEmail string = ''

@description('Failed invocations within the window that raise the failure alert.')
@minValue(1)
param functionFailureThreshold int = 3

var notify = !empty(alertEmail)

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (notify) {
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

// A pipeline signal is a log record whose structured property Signal (or whose event name) is the
// signal's name, or an Application Insights custom event of that name. The Functions host itself
// logs "Message has reached MaxDequeueCount ... Moving message to queue '<queue>-poison'" whenever
// it dead-letters a message, so the poison rule fires even before the app reports PoisonMessages.
var poisonQuery = '''
union isfuzzy=true
  (traces | where tostring(customDimensions.Signal) == "PoisonMessages" or tostring(customDimensions.EventName) == "PoisonMessages"),
  (customEvents | where name == "PoisonMessages"),
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

var rules = [
  {
    key: 'poison-messages'
    displayName: 'Treaty Alerts: messages in a poison queue'
    description: 'A queue message failed repeatedly and was moved to a -poison queue. Inspect and replay it (docs/OPERATIONS.md).'
    severity: 2
    query: poisonQuery
    threshold: 0
    operator: 'GreaterThan'
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
  }
  {
    key: 'function-failures'
    displayName: 'Treaty Alerts: function invocations failing'
    description: 'Function invocations finished with success == false.'
    severity: 2
    query: failureQuery
    threshold: functionFailureThreshold - 1
    operator: 'GreaterThan'
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
  }
  {
    key: 'stale-sources'
    displayName: 'Treaty Alerts: a source is stale'
    description: 'A source has not been polled successfully for longer than its allowed age (SourceStale).'
    severity: 3
    query: staleQuery
    threshold: 0
    operator: 'GreaterThan'
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
        applicationInsightsId
      ]
      evaluationFrequency: rule.evaluationFrequency
      windowSize: rule.windowSize
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
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
        actionGroups: notify ? [actionGroup.id] : []
      }
    }
  }
]

output ruleNames array = [for (rule, i) in rules: queryRules[i].name]
