// Turns channel and source definitions (JSON arrays) into indexed app settings, the form the
// .NET configuration binder reads back as Channels:N / Sources:N lists.

@export()
var listProperties = [
  'states'
  'treaties'
  'actions'
]
@export()
var mapProperties = [
  'options'
]

func settingEntries(section string, index int, entry object, lists array, maps array) array =>
  contains(lists, toLower(entry.key))
    ? map(range(0, length(entry.value)), j => {
        key: '${section}__${index}__${entry.key}__${j}'
        value: string(entry.value[j])
      })
    : contains(maps, toLower(entry.key))
        ? map(items(entry.value), o => {
            key: '${section}__${index}__${entry.key}__${o.key}'
            value: string(o.value)
          })
        : [
            {
              key: '${section}__${index}__${entry.key}'
              value: string(entry.value)
            }
          ]

@export()
func sectionSettings(section string, definitions array, lists array, maps array) object =>
  toObject(
    flatten(map(
      range(0, length(definitions)),
      i => flatten(map(items(definitions[i]), e => settingEntries(section, i, e, lists, maps)))
    )),
    e => e.key,
    e => e.value
  )

