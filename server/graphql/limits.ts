// Limits on what one GraphQL document may ask: depth, aliases, cost and tokens, checked before anything runs.
import { GraphQLError, Kind, visit, type ValidationContext, type ValidationRule } from 'graphql';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { MAX_PAGE_SIZE } from '../store/layer-query.js';

export interface GraphqlLimits {
  /** Deepest field nesting; the API's deepest useful query (communities → nodes → gridCells → community → district …) is about 8. */
  maxDepth: number;
  /** Aliased fields per operation: the usual way to multiply an expensive field (500 coverage queries in one request). */
  maxAliases: number;
  /**
   * graphql-armor's static cost: 2 per object field, 1 per scalar, ×1.5 per level of depth, × a literal `first: N`.
   * 250 000 lets a full page (first: 5000) carry about fifteen fields with a coverage object; much more is refused.
   */
  maxCost: number;
  /** Lexical tokens in a document: stops huge documents before validation even starts. */
  maxTokens: number;
}

export const DEFAULT_GRAPHQL_LIMITS: GraphqlLimits = { maxDepth: 12, maxAliases: 30, maxCost: 250_000, maxTokens: 15_000 };

/** Reports a refusal in our own words (graphql-armor would prefix "Syntax Error:" and throw out of validation). */
const refuse = (message: string) => ({
  exposeLimits: false,
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null) => context?.reportError(new GraphQLError(message))],
});

/** A literal `first`/`last` above the page limit, named as such (the cost rule would also refuse it, less clearly). */
const maxPageSizeRule: ValidationRule = (context) => ({
  // On the document, so that this sentence comes before the cost rule's (which reports on each operation).
  Document(document) {
    visit(document, {
      Argument(node) {
        if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.INT && Number(node.value.value) > MAX_PAGE_SIZE) {
          context.reportError(new GraphQLError(`${node.name.value} must be a whole number from 0 to ${MAX_PAGE_SIZE}; got ${node.value.value}. Page through larger lists with \`after\`.`, { nodes: node }));
        }
      },
    });
  },
});

/** Validation rules for Apollo's `validationRules`; refusals are GRAPHQL_VALIDATION_FAILED (HTTP 400) with the limit named. */
export function graphqlLimitRules(limits: GraphqlLimits = DEFAULT_GRAPHQL_LIMITS): ValidationRule[] {
  return [
    maxPageSizeRule,
    maxDepthRule({
      n: limits.maxDepth,
      ...refuse(`The query is nested too deeply (at most ${limits.maxDepth} levels of fields). Ask for fewer nested links in one request.`),
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      ...refuse(`The query uses too many aliases (at most ${limits.maxAliases}). Ask for a list (e.g. communities(codes: [...])) instead of one alias per record.`),
    }),
    costLimitRule({
      maxCost: limits.maxCost,
      ...refuse(`The query asks for too much at once (cost limit ${limits.maxCost}). Ask for fewer fields, or split it into several requests.`),
    }),
  ] as unknown as ValidationRule[];
}

/** Largest JSON body /graphql accepts: a query with a few thousand codes in its variables fits many times over. */
export const GRAPHQL_BODY_LIMIT = '1mb';
