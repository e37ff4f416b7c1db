"""The council's REST API under /api/v1/council/: terms and members, positions and their
items, amendments, votes, requests and the workspace.

Each handler validates its input, calls one selector or service and serializes the
result. Objects are loaded through selectors, so one the viewer may not see is a 404;
permission classes then refuse changes to a visible object with a 403. Services check the
same predicates again and raise domain errors (a decided position is a 409, a stale edit a
409 with the current text), which ``core.api`` renders.
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from consultations.models import Comment
from core.api import error_responses
from core.exceptions import NotFound
from core.idempotency import idempotent
from opinions import permissions, selectors, services
from opinions.api.filters import PositionFilter, VoteFilter
from opinions.api.permissions import (
    CanCloseVote,
    CanDecideAmendment,
    CanDecideRequest,
    CanEditPosition,
    CanManageTerm,
    CanOpenVote,
    CanRecordMeeting,
    CanWithdrawPosition,
)
from opinions.api.serializers import (
    AmendmentOutputSerializer,
    AmendmentProposeInputSerializer,
    AttendanceInputSerializer,
    BallotInputSerializer,
    BallotRecordInputSerializer,
    ItemAddInputSerializer,
    ItemMoveInputSerializer,
    ItemOutputSerializer,
    ItemRevisionOutputSerializer,
    ItemsFromCommentsInputSerializer,
    ItemUpdateInputSerializer,
    MemberAddInputSerializer,
    MemberEndInputSerializer,
    MemberOfficeInputSerializer,
    NoteOutputSerializer,
    PickerCommentOutputSerializer,
    PositionCreateInputSerializer,
    PositionDetailOutputSerializer,
    PositionListOutputSerializer,
    PositionUpdateInputSerializer,
    RecusalInputSerializer,
    RequestDeclineInputSerializer,
    RequestInputSerializer,
    RequestOutputSerializer,
    TermInputSerializer,
    TermMemberOutputSerializer,
    TermOutputSerializer,
    TextInputSerializer,
    VoteDetailOutputSerializer,
    VoteOpenInputSerializer,
    VoteSummaryOutputSerializer,
    WithdrawInputSerializer,
    WorkspaceOutputSerializer,
)
from opinions.exceptions import NoCurrentTerm
from opinions.models import (
    CouncilRequest,
    Position,
    PositionItem,
    PositionItemRevision,
    Term,
    TermMember,
    Vote,
)

TAGS = ["council"]


def _user(request: Request) -> User:
    # Only reached behind IsAuthenticated, so the user is a real account.
    return cast(User, request.user)


class ReadPublicWriteAuthenticated(APIView):
    """GET for anyone (the selectors decide what they see); changes need an account."""

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated()]


def _invalid(field: str, message: Any) -> ValidationError:
    return ValidationError({field: [message]})


# --- Responses read back through the selectors -----------------------------------------


def _position_response(request: Request, position: Position, **kwargs: Any) -> Response:
    position = selectors.position_get_for(viewer=request.user, pk=position.pk)
    return Response(PositionDetailOutputSerializer(position).data, **kwargs)


def _item_response(item: PositionItem, **kwargs: Any) -> Response:
    item = selectors.item_with_details(item=item)
    return Response(ItemOutputSerializer(item).data, **kwargs)


def _vote_response(request: Request, vote_pk: Any, **kwargs: Any) -> Response:
    vote = selectors.vote_get_for(viewer=request.user, pk=vote_pk)
    mine = selectors.my_ballot(vote=vote, user=request.user)
    context: dict[str, Any] = {"my_choice": mine.choice if mine is not None else None}
    if permissions.can_see_ballots(request.user, vote):
        context["voters"] = selectors.voters_by_choice(vote=vote)
        context["roll"] = selectors.vote_roll(vote=vote)
    return Response(VoteDetailOutputSerializer(vote, context=context).data, **kwargs)


def _amendment_response(request: Request, pk: int, **kwargs: Any) -> Response:
    amendment = selectors.amendment_get_for(viewer=request.user, pk=pk)
    return Response(AmendmentOutputSerializer(amendment).data, **kwargs)


def _request_response(request: Request, council_request: CouncilRequest, **kw: Any) -> Response:
    council_request = selectors.request_get_for(viewer=request.user, pk=council_request.pk)
    return Response(RequestOutputSerializer(council_request).data, **kw)


# --- Terms and members ------------------------------------------------------------------


class TermListApi(ReadPublicWriteAuthenticated, generics.ListAPIView[Term]):
    serializer_class = TermOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Term]:
        return selectors.term_list()

    @extend_schema(
        tags=TAGS,
        summary="The council's terms, newest first",
        responses={200: TermOutputSerializer(many=True)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        summary="Set up a term (administrators, officers of the current term)",
        description="Terms of a council never overlap. The rules apply to votes opened in it.",
        request=TermInputSerializer,
        responses={201: TermOutputSerializer, **error_responses(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        serializer = TermInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        council = selectors.council_default()
        if council is None:
            raise NotFound(_("No council is registered yet. An administrator registers it."))
        term = services.term_create(
            council=council, actor=request.user, **serializer.validated_data
        )
        return Response(
            TermOutputSerializer(selectors.term_get_for(viewer=request.user, pk=term.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class TermDetailApi(ReadPublicWriteAuthenticated, APIView):
    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated(), CanManageTerm()]

    @extend_schema(
        tags=TAGS,
        summary="One term",
        responses={200: TermOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            TermOutputSerializer(selectors.term_get_for(viewer=request.user, pk=pk)).data
        )

    @extend_schema(
        tags=TAGS,
        summary="Change a term's name, dates or rules (administrators, its officers)",
        description="New rules apply to votes opened afterwards.",
        request=TermInputSerializer(partial=True),
        responses={200: TermOutputSerializer, **error_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        term = selectors.term_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, term)
        serializer = TermInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.term_update(term=term, actor=request.user, **serializer.validated_data)
        return Response(
            TermOutputSerializer(selectors.term_get_for(viewer=request.user, pk=pk)).data
        )


class TermMemberListApi(ReadPublicWriteAuthenticated, generics.ListAPIView[TermMember]):
    serializer_class = TermMemberOutputSerializer
    filter_backends: list[Any] = []

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated(), CanManageTerm()]

    def get_queryset(self) -> QuerySet[TermMember]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no term
            return TermMember.objects.none()
        term = selectors.term_get_for(viewer=self.request.user, pk=self.kwargs["pk"])
        return selectors.member_list(term=term)

    @extend_schema(
        tags=TAGS,
        summary="A term's members, former ones too (public)",
        responses={200: TermMemberOutputSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        summary="Seat a member in the term (administrators, its officers)",
        request=MemberAddInputSerializer,
        responses={201: TermMemberOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        term = selectors.term_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, term)
        serializer = MemberAddInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = services.member_add(term=term, actor=request.user, **serializer.validated_data)
        member = selectors.member_get_for(viewer=request.user, pk=member.pk)
        return Response(TermMemberOutputSerializer(member).data, status=status.HTTP_201_CREATED)


class MemberDetailApi(ReadPublicWriteAuthenticated, APIView):
    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated(), CanManageTerm()]

    @extend_schema(
        tags=TAGS,
        summary="One council member",
        responses={200: TermMemberOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        member = selectors.member_get_for(viewer=request.user, pk=pk)
        return Response(TermMemberOutputSerializer(member).data)

    @extend_schema(
        tags=TAGS,
        summary="Change a member's office (administrators, the term's officers)",
        description="One chair and one secretary at a time.",
        request=MemberOfficeInputSerializer,
        responses={200: TermMemberOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        member = selectors.member_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, member)
        serializer = MemberOfficeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.member_set_office(
            member=member, actor=request.user, office=serializer.validated_data["office"]
        )
        member = selectors.member_get_for(viewer=request.user, pk=pk)
        return Response(TermMemberOutputSerializer(member).data)


class MemberEndApi(APIView):
    permission_classes = [IsAuthenticated, CanManageTerm]

    @extend_schema(
        tags=TAGS,
        summary="A member leaves the council (administrators, the term's officers)",
        request=MemberEndInputSerializer,
        responses={200: TermMemberOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        member = selectors.member_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, member)
        serializer = MemberEndInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.member_end(
            member=member, actor=request.user, left_on=serializer.validated_data["left_on"]
        )
        member = selectors.member_get_for(viewer=request.user, pk=pk)
        return Response(TermMemberOutputSerializer(member).data)


# --- Positions --------------------------------------------------------------------------


class PositionListApi(generics.ListAPIView[Position]):
    serializer_class = PositionListOutputSerializer
    filterset_class = PositionFilter
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    ordering_fields = ["created_at", "updated_at", "adopted_at"]

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_queryset(self) -> QuerySet[Position]:
        return selectors.position_list(viewer=self.request.user)

    @extend_schema(
        tags=TAGS,
        summary="Positions: decided ones for everyone, drafts for the council",
        description=(
            "Adopted and rejected positions are public. Council members also see the drafts "
            "and votes of their term; an organisation sees the positions it asked for. "
            "Filters: kind, status, consultation (id), term (id), q (subject)."
        ),
        responses={200: PositionListOutputSerializer(many=True), **error_responses(400)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        summary="Start a draft position (council members)",
        description=(
            "In the current term unless another term is named. An opinion on a consultation "
            "names the consultation; an opinion on an offer and a recommendation name the "
            "organisation concerned."
        ),
        request=PositionCreateInputSerializer,
        responses={
            201: PositionDetailOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    @idempotent
    def post(self, request: Request) -> Response:
        serializer = PositionCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "term" in data:
            term = selectors.term_get_for(viewer=request.user, pk=data.pop("term"))
        else:
            current = selectors.term_current()
            if current is None:
                raise NoCurrentTerm()
            term = current
        consultation_id = data.pop("consultation", None)
        consultation = selectors.consultation_for_position(pk=consultation_id)
        if consultation_id is not None and consultation is None:
            raise _invalid("consultation", _("No published consultation has this id."))
        position = services.position_create(
            term=term, actor=request.user, consultation=consultation, **data
        )
        return _position_response(request, position, status=status.HTTP_201_CREATED)


class PositionDetailApi(ReadPublicWriteAuthenticated, APIView):
    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated(), CanEditPosition()]

    @extend_schema(
        tags=TAGS,
        summary="One position with its items, their sources, amendments and notes, and votes",
        responses={200: PositionDetailOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        position = selectors.position_get_for(viewer=request.user, pk=pk)
        return Response(PositionDetailOutputSerializer(position).data)

    @extend_schema(
        tags=TAGS,
        summary="Change a draft's subject, justification or organisation concerned",
        description="Send the revision you edited: a stale one is refused with 409.",
        request=PositionUpdateInputSerializer,
        responses={
            200: PositionDetailOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        position = selectors.position_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, position)
        serializer = PositionUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        services.position_update(
            position=position,
            actor=request.user,
            expected_revision=data.pop("expected_revision"),
            **data,
        )
        return _position_response(request, position)


class PositionWithdrawApi(APIView):
    permission_classes = [IsAuthenticated, CanWithdrawPosition]

    @extend_schema(
        tags=TAGS,
        summary="Withdraw a draft (its drafter, the chair or the secretary)",
        request=WithdrawInputSerializer,
        responses={
            200: PositionDetailOutputSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        position = selectors.position_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, position)
        serializer = WithdrawInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.position_withdraw(
            position=position,
            actor=request.user,
            reason=serializer.validated_data.get("reason", ""),
        )
        return _position_response(request, position)


class PositionItemListApi(APIView):
    permission_classes = [IsAuthenticated, CanEditPosition]

    @extend_schema(
        tags=TAGS,
        summary="Write a new item at the end of a draft (council members)",
        request=ItemAddInputSerializer,
        responses={201: ItemOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        position = selectors.position_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, position)
        serializer = ItemAddInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        provision_id = serializer.validated_data.get("provision")
        provision = selectors.provision_for_position(position=position, pk=provision_id)
        if provision_id is not None and provision is None:
            raise _invalid("provision", _("Not a provision of the consulted act version."))
        item = services.item_add(
            position=position,
            actor=request.user,
            text=serializer.validated_data["text"],
            provision=provision,
        )
        return _item_response(item, status=status.HTTP_201_CREATED)


class PositionItemsFromCommentsApi(APIView):
    permission_classes = [IsAuthenticated, CanEditPosition]

    @extend_schema(
        tags=TAGS,
        summary="Turn NGO comments of the consultation into items (council members)",
        description=(
            "One item per comment, with its provision, or with merge one item joining them. "
            "Each item keeps the comments it grew from."
        ),
        request=ItemsFromCommentsInputSerializer,
        responses={
            201: ItemOutputSerializer(many=True),
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        position = selectors.position_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, position)
        serializer = ItemsFromCommentsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        wanted = list(dict.fromkeys(serializer.validated_data["comments"]))
        comments = {
            comment.pk: comment
            for comment in selectors.comment_picker(position=position).filter(pk__in=wanted)
        }
        unknown = [pk for pk in wanted if pk not in comments]
        if unknown:
            raise _invalid(
                "comments",
                _("Not submitted comments of this consultation: %(ids)s.")
                % {"ids": ", ".join(map(str, unknown))},
            )
        items = services.items_from_comments(
            position=position,
            actor=request.user,
            comments=[comments[pk] for pk in wanted],
            merge=serializer.validated_data["merge"],
        )
        data = [ItemOutputSerializer(selectors.item_with_details(item=item)).data for item in items]
        return Response(data, status=status.HTTP_201_CREATED)


class PositionCommentPickerApi(generics.ListAPIView[Comment]):
    permission_classes = [IsAuthenticated, CanEditPosition]
    serializer_class = PickerCommentOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Comment]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no position
            return Comment.objects.none()
        position = selectors.position_get_for(viewer=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, position)
        return selectors.comment_picker(
            position=position,
            filters={
                "provision": self.request.query_params.get("provision"),
                "organisation": self.request.query_params.get("organisation"),
            },
        )

    @extend_schema(
        tags=TAGS,
        summary="The consultation's comments to pull into the position (council members)",
        parameters=[
            OpenApiParameter("provision", int, required=False, description="A provision's id."),
            OpenApiParameter(
                "organisation", int, required=False, description="An organisation's id."
            ),
        ],
        responses={
            200: PickerCommentOutputSerializer(many=True),
            **error_responses(401, 403, 404),
        },
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


# --- Items ------------------------------------------------------------------------------


class ItemDetailApi(ReadPublicWriteAuthenticated, APIView):
    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return [IsAuthenticated(), CanEditPosition()]

    @extend_schema(
        tags=TAGS,
        summary="One item with its sources, amendments and notes",
        responses={200: ItemOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return _item_response(selectors.item_get_for(viewer=request.user, pk=pk))

    @extend_schema(
        tags=TAGS,
        summary="Change an item's text (council members, drafts only)",
        description=(
            "Send the revision you edited. If someone changed the item since, the change is "
            "refused with 409 and the message shows the current text (also in "
            "extra.current_text and extra.current_revision)."
        ),
        request=ItemUpdateInputSerializer,
        responses={200: ItemOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        item = selectors.item_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, item)
        serializer = ItemUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.item_update(
            item=item,
            actor=request.user,
            expected_revision=serializer.validated_data["expected_revision"],
            text=serializer.validated_data["text"],
        )
        return _item_response(item)

    @extend_schema(
        tags=TAGS,
        summary="Remove an item from a draft (council members); the next ones move up",
        request=None,
        responses={204: None, **error_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, pk: int) -> Response:
        item = selectors.item_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, item)
        services.item_delete(item=item, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ItemMoveApi(APIView):
    permission_classes = [IsAuthenticated, CanEditPosition]

    @extend_schema(
        tags=TAGS,
        summary="Move an item to another number (council members, drafts only)",
        request=ItemMoveInputSerializer,
        responses={200: ItemOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        item = selectors.item_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, item)
        serializer = ItemMoveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.item_move(
            item=item, actor=request.user, order=serializer.validated_data["order"]
        )
        return _item_response(item)


class ItemRevisionListApi(generics.ListAPIView[PositionItemRevision]):
    permission_classes = [AllowAny]
    serializer_class = ItemRevisionOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[PositionItemRevision]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no item
            return PositionItemRevision.objects.none()
        item = selectors.item_get_for(viewer=self.request.user, pk=self.kwargs["pk"])
        return selectors.item_revision_list(item=item)

    @extend_schema(
        tags=TAGS,
        summary="The history of an item's text, oldest first",
        responses={200: ItemRevisionOutputSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ItemNoteListApi(APIView):
    permission_classes = [IsAuthenticated, CanEditPosition]

    @extend_schema(
        tags=TAGS,
        summary="Write a note in the margin of an item (council members)",
        request=TextInputSerializer,
        responses={201: NoteOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        item = selectors.item_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, item)
        serializer = TextInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = services.note_add(
            item=item, actor=request.user, text=serializer.validated_data["text"]
        )
        return Response(NoteOutputSerializer(note).data, status=status.HTTP_201_CREATED)


class ItemAmendmentListApi(APIView):
    permission_classes = [IsAuthenticated, CanEditPosition]

    @extend_schema(
        tags=TAGS,
        summary="Propose an amendment to an item (council members, drafts only)",
        request=AmendmentProposeInputSerializer,
        responses={201: AmendmentOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        item = selectors.item_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, item)
        serializer = AmendmentProposeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        amendment = services.amendment_propose(
            item=item, actor=request.user, **serializer.validated_data
        )
        return _amendment_response(request, amendment.pk, status=status.HTTP_201_CREATED)


class AmendmentDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=TAGS,
        summary="One amendment",
        responses={200: AmendmentOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return _amendment_response(request, pk)


class AmendmentAcceptApi(APIView):
    permission_classes = [IsAuthenticated, CanDecideAmendment]

    @extend_schema(
        tags=TAGS,
        summary="Accept an amendment: the item takes its text (the drafter or the chair)",
        description=(
            "If the item changed after the amendment was proposed, 409 shows the current text."
        ),
        request=None,
        responses={200: AmendmentOutputSerializer, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        amendment = selectors.amendment_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, amendment)
        services.amendment_accept(amendment=amendment, actor=request.user)
        return _amendment_response(request, pk)


class AmendmentRejectApi(APIView):
    permission_classes = [IsAuthenticated, CanDecideAmendment]

    @extend_schema(
        tags=TAGS,
        summary="Reject an amendment (the drafter or the chair)",
        request=None,
        responses={200: AmendmentOutputSerializer, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        amendment = selectors.amendment_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, amendment)
        services.amendment_reject(amendment=amendment, actor=request.user)
        return _amendment_response(request, pk)


# --- Votes ------------------------------------------------------------------------------


class PositionVoteOpenApi(APIView):
    permission_classes = [IsAuthenticated, CanOpenVote]

    @extend_schema(
        tags=TAGS,
        summary="Put a draft to the vote (the chair or the secretary)",
        description=(
            "By circulation until a deadline, or at a meeting. Refused while amendments wait "
            "for a decision. Members whose organisation the position concerns are recused."
        ),
        request=VoteOpenInputSerializer,
        responses={201: VoteDetailOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        position = selectors.position_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, position)
        serializer = VoteOpenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        vote = services.vote_open(
            position=position,
            actor=request.user,
            mode=serializer.validated_data["mode"],
            deadline=serializer.validated_data.get("deadline"),
        )
        return _vote_response(request, vote.pk, status=status.HTTP_201_CREATED)


class VoteListApi(generics.ListAPIView[Vote]):
    permission_classes = [AllowAny]
    serializer_class = VoteSummaryOutputSerializer
    filterset_class = VoteFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self) -> QuerySet[Vote]:
        return selectors.vote_list(viewer=self.request.user)

    @extend_schema(
        tags=TAGS,
        summary="Votes on the positions you may see, newest first",
        responses={200: VoteSummaryOutputSerializer(many=True), **error_responses(400)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class VoteDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=TAGS,
        summary="One vote: tally, recusals, your own vote, and who voted how",
        description=(
            "Names by choice and the roll are public once the vote is closed; while it runs "
            "only the chair and the secretary see them."
        ),
        responses={200: VoteDetailOutputSerializer, **error_responses(404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return _vote_response(request, pk)


class VoteBallotApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Vote by circulation: for, against or abstain (council members)",
        description=(
            "Voting again before the deadline changes your vote. After the deadline, in a "
            "closed vote or when you are recused, the vote is refused and nothing changes."
        ),
        request=BallotInputSerializer,
        responses={200: VoteDetailOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        vote = selectors.vote_get_for(viewer=request.user, pk=pk)
        serializer = BallotInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ballot_cast(
            vote=vote, actor=request.user, choice=serializer.validated_data["choice"]
        )
        return _vote_response(request, vote.pk)


class VoteAttendanceApi(APIView):
    permission_classes = [IsAuthenticated, CanRecordMeeting]

    @extend_schema(
        tags=TAGS,
        summary="Record who is present at the meeting (the secretary or the chair)",
        request=AttendanceInputSerializer,
        responses={200: VoteDetailOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        vote = selectors.vote_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, vote)
        serializer = AttendanceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.attendance_record(
            vote=vote,
            actor=request.user,
            present_member_ids=serializer.validated_data["present_member_ids"],
        )
        return _vote_response(request, vote.pk)


def _vote_member(vote: Vote, member_id: Any) -> TermMember:
    member = selectors.term_member_of_vote(vote=vote, pk=member_id)
    if member is None:
        raise _invalid("member", _("Not a member of this term."))
    return member


class VoteBallotRecordApi(APIView):
    permission_classes = [IsAuthenticated, CanRecordMeeting]

    @extend_schema(
        tags=TAGS,
        summary="Record a present member's vote at a meeting (the secretary or the chair)",
        request=BallotRecordInputSerializer,
        responses={200: VoteDetailOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        vote = selectors.vote_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, vote)
        serializer = BallotRecordInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ballot_record(
            vote=vote,
            actor=request.user,
            member=_vote_member(vote, serializer.validated_data["member"]),
            choice=serializer.validated_data["choice"],
        )
        return _vote_response(request, vote.pk)


class VoteRecusalApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Declare a conflict of interest: the member does not vote (council members)",
        description=(
            "A member declares their own (member left out); an officer may record one for "
            "another member. A vote the member already cast is removed."
        ),
        request=RecusalInputSerializer,
        responses={200: VoteDetailOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        vote = selectors.vote_get_for(viewer=request.user, pk=pk)
        serializer = RecusalInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member_id = serializer.validated_data.get("member")
        if member_id is None:
            seat = permissions.council_seat(request.user, vote.position.term)
            if seat is None:
                raise _invalid("member", _("You are not a member of the council."))
            member = seat
        else:
            member = _vote_member(vote, member_id)
        services.recusal_declare(
            vote=vote,
            member=member,
            actor=request.user,
            reason=serializer.validated_data["reason"],
        )
        return _vote_response(request, vote.pk)


class VoteCloseApi(APIView):
    permission_classes = [IsAuthenticated, CanCloseVote]

    @extend_schema(
        tags=TAGS,
        summary="Close a vote and decide the position (the secretary or the chair)",
        description=(
            "After the deadline, or once every member entitled to vote has voted; at a "
            "meeting once every present member's vote is recorded. The result follows the "
            "term's rules; an adopted position gets the next number of the year."
        ),
        request=None,
        responses={200: VoteDetailOutputSerializer, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        vote = selectors.vote_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, vote)
        services.vote_close(vote=vote, actor=request.user)
        return _vote_response(request, vote.pk)


# --- Requests ---------------------------------------------------------------------------


class RequestListApi(generics.ListAPIView[CouncilRequest]):
    permission_classes = [IsAuthenticated]
    serializer_class = RequestOutputSerializer
    filter_backends: list[Any] = []
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[CouncilRequest]:
        return selectors.request_list(viewer=self.request.user)

    @extend_schema(
        tags=TAGS,
        summary="Requests to the council: your organisations' ones, or your term's",
        responses={200: RequestOutputSerializer(many=True), **error_responses(401)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        summary="Ask the council for an opinion on an offer or a recommendation",
        description=(
            "A representative of a verified organisation, with up to five attachments "
            "(multipart, checked by content). The request becomes a draft position of that "
            "kind in the current term, which you can follow."
        ),
        request={
            "multipart/form-data": RequestInputSerializer,
            "application/json": RequestInputSerializer,
        },
        responses={201: RequestOutputSerializer, **error_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        serializer = RequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        council_request = services.request_submit(
            actor=request.user,
            attachments=data.pop("attachments", []),
            **data,
        )
        return _request_response(request, council_request, status=status.HTTP_201_CREATED)


class RequestDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="One request, with its position's progress",
        responses={200: RequestOutputSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        council_request = selectors.request_get_for(viewer=request.user, pk=pk)
        return Response(RequestOutputSerializer(council_request).data)


class RequestAcceptApi(APIView):
    permission_classes = [IsAuthenticated, CanDecideRequest]

    @extend_schema(
        tags=TAGS,
        summary="Take a request up (the chair or the secretary)",
        request=None,
        responses={200: RequestOutputSerializer, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        council_request = selectors.request_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, council_request)
        services.request_accept(request=council_request, actor=request.user)
        return _request_response(request, council_request)


class RequestDeclineApi(APIView):
    permission_classes = [IsAuthenticated, CanDecideRequest]

    @extend_schema(
        tags=TAGS,
        summary="Decline a request, with the reason (the chair or the secretary)",
        request=RequestDeclineInputSerializer,
        responses={200: RequestOutputSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        council_request = selectors.request_get_for(viewer=request.user, pk=pk)
        self.check_object_permissions(request, council_request)
        serializer = RequestDeclineInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.request_decline(
            request=council_request,
            actor=request.user,
            reason=serializer.validated_data["reason"],
        )
        return _request_response(request, council_request)


# --- Workspace --------------------------------------------------------------------------


class WorkspaceApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Your council workspace: drafts, votes waiting for you, amendments, requests",
        responses={200: WorkspaceOutputSerializer, **error_responses(401)},
    )
    def get(self, request: Request) -> Response:
        workspace = selectors.workspace_for(user=_user(request))
        return Response(WorkspaceOutputSerializer(workspace).data)
