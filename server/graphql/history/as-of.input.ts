// The moment a question about the past is asked of: a data version, or a date.
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A moment in the past: one of a data version (dataVersions lists them) or a date and time. It is answered from the standards snapshot holding that data (taken at each month\'s end and after imports); a version no snapshot holds, or a date in the future, is an error that says so.' })
export class AsOfInput {
  @Field(() => ID, { nullable: true, description: 'A data version\'s id: the data right after that change set.' })
  version?: string | null;

  @Field(() => Date, { nullable: true, description: 'A date and time (ISO 8601): the data as it stood then.' })
  at?: Date | null;
}
