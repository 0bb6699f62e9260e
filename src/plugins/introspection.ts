import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * INTROSPECTION=false: `__schema` and `__type` fail validation (graphql-js's own
 * NoSchemaIntrospectionCustomRule; `__typename` stays, clients need it), and the "Did you mean …"
 * suggestions of validation errors are removed (graphql-armor), since they would otherwise let a
 * client rebuild the schema field by field.
 */
export function useIntrospectionSwitch(enabled: boolean): Plugin[] {
  if (enabled) return [];
  return [
    {
      onValidate({ addValidationRule }) {
        addValidationRule(NoSchemaIntrospectionCustomRule);
      },
    },
    blockFieldSuggestionsPlugin() as Plugin,
  ];
}
