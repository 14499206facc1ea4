// Relay-style connections (totalCount, nodes, edges, pageInfo) for every layer.
import 'reflect-metadata';
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';

@ObjectType({ description: 'Where a page stands in the whole list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More records follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Records precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first record of the page.' })
  startCursor?: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last record of the page; pass it as `after` for the next page.' })
  endCursor?: string | null;
}

export interface Connection<Node> {
  totalCount: number;
  nodes: Node[];
  edges: { cursor: string; node: Node }[];
  pageInfo: PageInfo;
}

export { encodeCursor, decodeCursor } from '../store/cursor.js';

/** A connection type for a node type: `<Name>Connection` with `<Name>Edge`. */
export function ConnectionType<Node extends object>(nodeType: ClassType<Node>, name: string) {
  @ObjectType(`${name}Edge`, { description: `A ${name} with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this record.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: Node;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} records, with the count of all that match.` })
  class ConnectionClass implements Connection<Node> {
    @Field(() => Int, { description: 'How many records match the filters, across all pages.' })
    totalCount!: number;

    @Field(() => [nodeType], { description: 'The records of this page.' })
    nodes!: Node[];

    @Field(() => [Edge], { description: 'The records of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}
