"""admission/form.yaml: what the blank application form says (``gridrules admission new``).

The form is YAML a department fills in, with a comment above each field saying
what to write and listing the codes the pack knows.  The fields and their order
are the application's (``ApplicationForm.prompts``); the words are the pack's.
A field's own name (``{name}``) comes from admission/policy.yaml's
``application_fields`` or admission/review.yaml's ``field_names``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from gridrules.contract.base import Name, Strict, Text
from gridrules.pack.model.templates import allows

Prompt = Annotated[Text, allows("name")]


class FormPrompts(Strict):
    """The comment above each field of the form, in the order the form lists the fields."""

    id: Prompt = Field(description="The application's id (filled in by gridrules).")
    item: Prompt
    basis: Prompt
    applicant: Prompt = Field(description="Followed by the departments, and the applicant if given.")
    content: Prompt
    duty: Prompt = Field(description="Followed by the duties, one a line.")
    activities: Prompt = Field(description="Followed by the activities and the negative list's activities.")
    categories: Annotated[Text, allows("name", "categories")] = Field(
        description="{categories}: the categories of admission/policy.yaml."
    )
    frequency: Prompt
    hours_per_month: Prompt
    subsidy: Prompt
    training: Prompt
    risk: Prompt = Field(default="{name}", description="The risk level (low, medium, high).")
    start: Prompt
    end: Prompt


class FormOptions(Strict):
    """How the codes a field may take are listed under its comment."""

    department: Annotated[Text, allows("id", "name")]
    duty: Annotated[Text, allows("id", "text")]
    activity: Annotated[Text, allows("id", "name")]
    negative: Annotated[Text, allows("activity", "code")] = Field(description="An activity of the negative list.")
    negative_lead: Text = Field(description="Before the negative list's activities.")
    between: Name = Field(description="Between two codes on one line.")


class ApplicationFormFile(Strict):
    """admission/form.yaml: the heading, prompts and code lists of the blank application form."""

    heading: list[Annotated[Text, allows("title", "version")]] = Field(
        min_length=1, description="The form's first comment lines ({title}, {version}: the pack's)."
    )
    prompts: FormPrompts
    options: FormOptions
