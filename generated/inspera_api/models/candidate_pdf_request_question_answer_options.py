from enum import StrEnum


class CandidatePdfRequestQuestionAnswerOptions(StrEnum):
    ANSWERS_ONLY = "ANSWERS_ONLY"

    def __str__(self) -> str:
        return str(self.value)
